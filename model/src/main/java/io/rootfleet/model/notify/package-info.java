/**
 * Webhook notifications of campaigns and hook restarts: a JSON POST per event, sent off the caller's thread with a
 * timeout and a few retries, so a slow or dead endpoint never blocks or fails the work it reports on.
 */
@Uses({})
package io.rootfleet.model.notify;

import io.rootfleet.model.Uses;
