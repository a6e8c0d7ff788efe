/**
 * Which host paths a container must not see (pure) and writing that read-only mask layer.
 */
@Uses({"agent.sys"})
package io.rootfleet.agent.mask;

import io.rootfleet.model.Uses;
