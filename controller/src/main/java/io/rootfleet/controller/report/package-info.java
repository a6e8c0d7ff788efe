/**
 * Progress lines and the per-host result tables of apply, status and patch, as text or JSON.
 */
@Uses({"controller.patch", "controller.push"})
package io.rootfleet.controller.report;

import io.rootfleet.model.Uses;
