#pragma once

namespace asyncsim::models {

/// Mean-value results of a queueing station in steady state (SEMANTICS §6).
struct StationMeans
{
    double waitingTime = 0;  ///< Wq, seconds
    double queueLength = 0;  ///< Lq = λ Wq
    double responseTime = 0; ///< W = Wq + E[S]
    double inSystem = 0;     ///< L = λ W
};

/// Erlang C: the probability that an arrival waits in an M/M/c with offered
/// load @p a = λ/μ Erlangs. Precondition: a < c.
double erlangC(int c, double a);

/// M/M/c with arrival rate @p lambda, per-server rate @p mu and @p c servers
/// (Erlang C). Precondition: λ < cμ.
StationMeans mmc(double lambda, double mu, int c);

/// M/G/1 by Pollaczek–Khinchine: Wq = λE[S²] / (2(1 − ρ)), from the mean and
/// variance of the service time. M/M/1 and M/D/1 are its special cases.
/// Precondition: λ·mean < 1.
StationMeans mg1(double lambda, double serviceMean, double serviceVariance);

} // namespace asyncsim::models
