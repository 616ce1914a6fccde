#pragma once

#include "models/Topology.h"

#include <QString>

#include <optional>
#include <vector>

namespace asyncsim::ui {

/// The teaching examples compiled into the application (":/examples/*.json").
///
/// An example opens as an untitled copy: the caller loads the topology with
/// an empty file path, so Save asks for a name and the example stays as shipped.
class ExampleCatalog
{
public:
    /// One example, as listed in the Examples menu or a welcome page.
    struct Example
    {
        QString fileName;     ///< "checkout.json"
        QString resourcePath; ///< ":/examples/checkout.json"
        QString title;        ///< the topology's "name"
        QString description;  ///< the whole "description"
        QString summary;      ///< the description up to "What to watch"
        QString whatToWatch;  ///< the text after "What to watch:"; may be empty
    };

    /// The file name of the example opened by default.
    static QString defaultFileName() { return QStringLiteral("checkout.json"); }

    /// Every example, the default first, the rest by title.
    static std::vector<Example> examples();
    /// The example in @p fileName, if there is one.
    static std::optional<Example> find(const QString &fileName);

    /// Reads an example's topology.
    /// @throws models::TopologyError if it cannot be read (a broken build).
    static models::Topology load(const Example &example);
};

} // namespace asyncsim::ui
