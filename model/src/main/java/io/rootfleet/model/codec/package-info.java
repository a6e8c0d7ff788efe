/**
 * Reading and writing the desired state (YAML or JSON) with locations in every error.
 */
@Uses({"model", "model.yaml"})
package io.rootfleet.model.codec;

import io.rootfleet.model.Uses;
