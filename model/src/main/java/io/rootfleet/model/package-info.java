/**
 * The validated wire types both programs share: container specs, desired state, exit statuses, and {@link
 * io.rootfleet.model.Uses}, the package rules every package-info states.
 */
@Uses({"model.yaml"})
package io.rootfleet.model;
