#include "StationTheory.h"

namespace asyncsim::models {

double erlangC(int c, double a)
{
    // Σ aᵏ/k! term by term (no factorials, no overflow for large c).
    double term = 1; // a⁰/0!
    double sum = 0;
    for (int k = 0; k < c; ++k) {
        sum += term;
        term *= a / (k + 1);
    }
    const double rho = a / c;
    const double last = term / (1 - rho); // aᶜ/c! · 1/(1 − ρ)
    return last / (sum + last);
}

StationMeans mmc(double lambda, double mu, int c)
{
    StationMeans m;
    m.waitingTime = erlangC(c, lambda / mu) / (c * mu - lambda);
    m.queueLength = lambda * m.waitingTime;
    m.responseTime = m.waitingTime + 1 / mu;
    m.inSystem = lambda * m.responseTime;
    return m;
}

StationMeans mg1(double lambda, double serviceMean, double serviceVariance)
{
    StationMeans m;
    const double rho = lambda * serviceMean;
    const double secondMoment = serviceVariance + serviceMean * serviceMean;
    m.waitingTime = lambda * secondMoment / (2 * (1 - rho));
    m.queueLength = lambda * m.waitingTime;
    m.responseTime = m.waitingTime + serviceMean;
    m.inSystem = lambda * m.responseTime;
    return m;
}

} // namespace asyncsim::models
