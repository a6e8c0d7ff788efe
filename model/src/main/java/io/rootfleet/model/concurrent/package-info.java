/**
 * Bounded concurrency for work per host or per container, results in order; stopping long work cleanly when asked
 * (SIGINT, SIGTERM).
 */
@Uses({})
package io.rootfleet.model.concurrent;

import io.rootfleet.model.Uses;
