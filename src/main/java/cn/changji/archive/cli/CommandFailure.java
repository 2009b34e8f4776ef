package cn.changji.archive.cli;

import java.io.PrintStream;
import java.util.Optional;

import cn.changji.archive.index.ElasticsearchFailures;

/**
 * How a command that works on Elasticsearch reports a failure there: a line on stderr, led by the command's name, and
 * the exit status that tells the operator what to do (fix the credentials, wait and run it again, or look closer).
 */
final class CommandFailure {
    private CommandFailure() {}

    /**
     * @param whatRemains said after "Elasticsearch is unavailable (why)": what the interrupted run left, what to do
     * @param otherwise   said before the cause of any other failure, which exits with {@code otherwiseStatus}
     */
    static int report(PrintStream err, String command, Exception failure, String whatRemains, String otherwise,
                      int otherwiseStatus) {
        Optional<String> refused = ElasticsearchFailures.accessRefusal(failure);
        if (refused.isPresent()) {
            err.println(command + ": " + refused.get());
            return ImportCommand.REFUSED;
        }
        if (ElasticsearchFailures.isUnavailable(failure)) {
            err.println(command + ": Elasticsearch is unavailable (" + ElasticsearchFailures.describe(failure) + ")" + whatRemains);
            return ImportCommand.UNAVAILABLE;
        }
        err.println(command + ": " + otherwise + ElasticsearchFailures.describe(failure));
        return otherwiseStatus;
    }
}
