package io.rootfleet.controller.cli;

import io.rootfleet.model.ExitStatus;
import java.util.Map;
import java.util.concurrent.Callable;

/** A command run on the hosts of a playbook: it ends with an {@link ExitStatus}. */
interface FleetCommand extends Callable<Integer>, ExitCodeHelp {
    ExitStatus run() throws Exception;

    @Override
    default Integer call() throws Exception {
        return run().code();
    }

    @Override
    default Map<ExitStatus, String> exitCodes() {
        return FLEET;
    }
}
