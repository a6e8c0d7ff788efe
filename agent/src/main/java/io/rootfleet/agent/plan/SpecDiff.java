package io.rootfleet.agent.plan;

import io.rootfleet.model.ContainerSpec;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Which fields of a container spec changed, except its state (which start and stop take care of). */
public final class SpecDiff {

    /** Fields a running container does not read: a rolling restart does, so changing them restarts nothing. */
    private static final Set<String> READ_AT_RESTART = Set.of("health", "order");

    private SpecDiff() {}

    /** True when some of the changed fields shape the container itself (its config, files or layers). */
    public static boolean needsRewrite(List<String> changedFields) {
        return !READ_AT_RESTART.containsAll(changedFields);
    }

    public static List<String> changedFields(ContainerSpec before, ContainerSpec after) {
        List<String> changed = new ArrayList<>();
        for (RecordComponent field : ContainerSpec.class.getRecordComponents()) {
            if (field.getName().equals("state")) {
                continue;
            }
            if (!Objects.equals(value(field, before), value(field, after))) {
                changed.add(field.getName());
            }
        }
        return changed;
    }

    private static Object value(RecordComponent field, ContainerSpec spec) {
        try {
            return field.getAccessor().invoke(spec);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + field.getName(), e);
        }
    }
}
