package io.rootfleet.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@code package-info.java}: the other rootfleet packages this package's classes may depend on. A package
 * may always use itself; the agent's and the controller's packages may always use {@code io.rootfleet.model}
 * and its subpackages. The architecture test fails on any other dependency between rootfleet packages, and on a
 * package without this annotation; the README's architecture section is drawn from the same annotations.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PACKAGE)
public @interface Uses {
    /** Package names below {@code io.rootfleet}, e.g. {@code "agent.engine"} or {@code "model.yaml"}. */
    String[] value() default {};
}
