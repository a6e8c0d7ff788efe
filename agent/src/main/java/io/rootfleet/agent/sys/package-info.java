/**
 * The edge to the operating system: processes (argv, timeouts), the mount table, and the few libc calls Java
 * lacks. The only package that uses jnr or Commons Exec.
 */
@Uses({})
package io.rootfleet.agent.sys;

import io.rootfleet.model.Uses;
