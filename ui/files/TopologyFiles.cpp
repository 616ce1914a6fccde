#include "TopologyFiles.h"

#include "ui/Plural.h"

#include "models/TopologyJson.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace asyncsim::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("asyncsim::ui::TopologyFiles", text);
}

} // namespace

LoadResult loadTopology(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        LoadResult result;
        result.error = tr("Cannot open “%1”: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return result;
    }
    const QByteArray text = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        LoadResult result;
        result.error = tr("Cannot read “%1”: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return result;
    }
    return parseTopologyText(text, QFileInfo(path).fileName());
}

LoadResult parseTopologyText(const QByteArray &text, const QString &fileName)
{
    LoadResult result;
    try {
        result.topology = models::parseTopology(std::string_view(text.constData(), size_t(text.size())),
                                                fileName.toStdString(), models::Strictness::Draft);
    } catch (const models::TopologyError &e) {
        for (const models::Problem &problem : e.problems())
            result.problems.append(QString::fromStdString(problem.text()));
        result.error
            = QCoreApplication::translate("asyncsim::ui::TopologyFiles", "“%1” could not be opened: %2.")
                  .arg(fileName, countOf(result.problems.size(),
                                         QCoreApplication::translate("asyncsim::ui::TopologyFiles", "problem"),
                                         QCoreApplication::translate("asyncsim::ui::TopologyFiles", "problems")));
    } catch (const std::exception &e) { // a bug in the reader must not take the editor down
        result.error = tr("“%1” could not be read: %2").arg(fileName, QString::fromUtf8(e.what()));
    }
    return result;
}

QString saveTopology(const models::Topology &topology, const QString &path)
{
    const std::string text = models::serializeTopology(topology);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return tr("Cannot save “%1”: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    if (file.write(text.data(), qint64(text.size())) != qint64(text.size())) {
        file.cancelWriting();
        return tr("Cannot save “%1”: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    }
    if (!file.commit())
        return tr("Cannot save “%1”: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return {};
}

} // namespace asyncsim::ui
