/**
 * The pure planner: desired state against observed containers gives an ordered plan of actions. Depends on the
 * model only.
 */
@Uses({})
package io.rootfleet.agent.plan;

import io.rootfleet.model.Uses;
