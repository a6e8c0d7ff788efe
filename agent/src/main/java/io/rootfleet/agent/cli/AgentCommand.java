package io.rootfleet.agent.cli;

import io.rootfleet.model.ExitStatus;
import java.util.concurrent.Callable;

/** A command of rootfleet-agent that ends with an {@link ExitStatus}; picocli gets its code. */
interface AgentCommand extends Callable<Integer>, ExitCodeHelp {

    ExitStatus run() throws Exception;

    @Override
    default Integer call() throws Exception {
        return run().code();
    }
}
