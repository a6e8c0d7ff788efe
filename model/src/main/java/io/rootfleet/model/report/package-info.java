/**
 * The agent protocol's events and reports, as the agent writes them and the controller reads them.
 */
@Uses({})
package io.rootfleet.model.report;

import io.rootfleet.model.Uses;
