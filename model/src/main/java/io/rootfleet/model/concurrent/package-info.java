/**
 * Bounded concurrency for work per host or per container, results in order.
 */
@Uses({})
package io.rootfleet.model.concurrent;

import io.rootfleet.model.Uses;
