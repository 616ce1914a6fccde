#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace asyncsim::models {

/// How bad a problem is.
enum class Severity {
    Error,   ///< the topology cannot be run
    Warning, ///< it runs, but probably not as meant (a node nothing reaches)
};

/// One thing wrong with a topology file, at a place named by a JSON pointer.
struct Problem
{
    std::string pointer; ///< e.g. "/nodes/2/workers"; empty for the document as a whole
    std::string message; ///< e.g. "must be an integer ≥ 1"
    Severity severity = Severity::Error;

    /// "pointer: message", or the message alone for the whole document.
    std::string text() const { return pointer.empty() ? message : pointer + ": " + message; }
    bool operator==(const Problem &) const = default;
};

/// A topology that could not be loaded; nothing of it is used.
class TopologyError : public std::runtime_error
{
public:
    TopologyError(std::string file, std::vector<Problem> problems);

    const std::string &file() const { return m_file; }
    const std::vector<Problem> &problems() const { return m_problems; }

private:
    std::string m_file;
    std::vector<Problem> m_problems;
};

} // namespace asyncsim::models
