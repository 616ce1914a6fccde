#include "ExampleCatalog.h"

#include "models/TopologyJson.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace asyncsim::ui {

namespace {

const QString ExampleDir = QStringLiteral(":/examples");
const QString WatchMarker = QStringLiteral("What to watch");

QByteArray readResource(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

ExampleCatalog::Example describe(const QString &fileName)
{
    ExampleCatalog::Example example;
    example.fileName = fileName;
    example.resourcePath = ExampleDir + u'/' + fileName;
    // Only the two header fields are needed here; the full reader runs on load().
    const QJsonObject root = QJsonDocument::fromJson(readResource(example.resourcePath)).object();
    example.title = root.value(QLatin1String("name")).toString();
    if (example.title.isEmpty())
        example.title = QFileInfo(fileName).completeBaseName();
    example.description = root.value(QLatin1String("description")).toString();
    const qsizetype watch = example.description.indexOf(WatchMarker);
    if (watch < 0) {
        example.summary = example.description;
    } else {
        example.summary = example.description.left(watch).trimmed();
        QString rest = example.description.mid(watch + WatchMarker.size()).trimmed();
        if (rest.startsWith(u':'))
            rest = rest.mid(1).trimmed();
        example.whatToWatch = rest;
    }
    return example;
}

} // namespace

std::vector<ExampleCatalog::Example> ExampleCatalog::examples()
{
    std::vector<Example> list;
    const QStringList files = QDir(ExampleDir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        list.push_back(describe(file));
    const QString first = defaultFileName();
    std::sort(list.begin(), list.end(), [&first](const Example &a, const Example &b) {
        const bool aFirst = a.fileName == first;
        const bool bFirst = b.fileName == first;
        if (aFirst != bFirst)
            return aFirst;
        return QString::localeAwareCompare(a.title, b.title) < 0;
    });
    return list;
}

std::optional<ExampleCatalog::Example> ExampleCatalog::find(const QString &fileName)
{
    if (!QFile::exists(ExampleDir + u'/' + fileName))
        return std::nullopt;
    return describe(fileName);
}

models::Topology ExampleCatalog::load(const Example &example)
{
    const QByteArray text = readResource(example.resourcePath);
    if (text.isEmpty())
        throw models::TopologyError(example.fileName.toStdString(), {{"", "the example is not compiled in"}});
    return models::parseTopology(std::string_view(text.constData(), size_t(text.size())),
                                 example.fileName.toStdString());
}

} // namespace asyncsim::ui
