package io.rootfleet.agent.plan;

import io.rootfleet.model.ContainerSpec;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Which fields of a container spec changed, except its state (which start and stop take care of). */
public final class SpecDiff {

    private SpecDiff() {}

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
