/**
 * Strict, location-aware YAML reading: duplicate keys, tags, aliases and size refused; problems with
 * file:line:col.
 */
@Uses({})
package io.rootfleet.model.yaml;

import io.rootfleet.model.Uses;
