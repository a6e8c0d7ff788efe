/**
 * Which running containers still map files the host replaced (/proc maps against the layers; the verdict is
 * pure), the dpkg log hint, the attribution of stale files to host packages, and the shadow audit of own layers.
 */
@Uses({"agent.engine", "agent.host", "agent.packages", "agent.plan", "agent.sys"})
package io.rootfleet.agent.stale;

import io.rootfleet.model.Uses;
