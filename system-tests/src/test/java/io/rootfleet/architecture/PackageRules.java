package io.rootfleet.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import io.rootfleet.model.Uses;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The rules each rootfleet package states in its {@code package-info.java} ({@link Uses}), and the check of
 * the code against them: which other rootfleet packages a package's classes may depend on.
 */
final class PackageRules {
    static final String ROOT = "io.rootfleet.";
    private static final String MODEL = ROOT + "model";

    /** Package (below io.rootfleet) -> the packages it may use, as declared; empty when it declares nothing. */
    private final SortedMap<String, Optional<Set<String>>> declared;

    private PackageRules(SortedMap<String, Optional<Set<String>>> declared) {
        this.declared = declared;
    }

    static PackageRules of(JavaClasses classes) {
        SortedMap<String, Optional<Set<String>>> declared = new TreeMap<>();
        for (JavaClass type : classes) {
            String pkg = type.getPackageName();
            if (pkg.startsWith(ROOT)) {
                declared.computeIfAbsent(relative(pkg), p -> usesOf(pkg, type.reflect().getClassLoader()));
            }
        }
        return new PackageRules(declared);
    }

    /** Every dependency between rootfleet packages that no package-info allows, and every package without rules. */
    List<String> violations(JavaClasses classes) {
        List<String> problems = new ArrayList<>();
        declared.forEach((pkg, uses) -> {
            if (uses.isEmpty()) {
                problems.add("package " + ROOT + pkg + " has no package-info.java with @Uses stating what it may use");
            }
        });
        for (JavaClass type : classes) {
            if (type.getSimpleName().equals("package-info")) {
                continue; // its one dependency is the @Uses annotation that states the rules
            }
            String from = relative(type.getPackageName());
            Set<String> reported = new TreeSet<>();
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                JavaClass target = dependency.getTargetClass().getBaseComponentType();
                String to = target.getPackageName();
                if (to.startsWith(ROOT) && !allowed(from, relative(to)) && reported.add(target.getName())) {
                    problems.add(type.getName() + " uses " + target.getName() + " " + dependency.getSourceCodeLocation()
                            + ": " + ROOT + from + " may use only "
                            + declared.getOrDefault(from, Optional.empty()).map(Object::toString).orElse("[]"));
                }
            }
        }
        return problems.stream().distinct().toList();
    }

    private boolean allowed(String from, String to) {
        if (from.equals(to)) {
            return true;
        }
        boolean fromModel = (ROOT + from).startsWith(MODEL);
        if (!fromModel && (ROOT + to).startsWith(MODEL)) {
            return true;
        }
        return declared.getOrDefault(from, Optional.empty()).map(uses -> uses.contains(to)).orElse(true);
    }

    /** The rules as the README shows them: one line per package, grouped by program. */
    String describe() {
        Map<String, List<String>> byProgram = declared.keySet().stream()
                .collect(Collectors.groupingBy(p -> p.split("\\.")[0], TreeMap::new, Collectors.toList()));
        StringBuilder text = new StringBuilder();
        byProgram.forEach((program, packages) -> {
            text.append(program).append('\n');
            for (String pkg : packages) {
                String name = pkg.equals(program) ? "(" + program + ")" : pkg.substring(program.length() + 1);
                Set<String> uses = declared.get(pkg).orElse(Set.of());
                String list = uses.isEmpty() ? "-" : uses.stream()
                        .map(u -> u.startsWith(program + ".") ? u.substring(program.length() + 1) : u)
                        .collect(Collectors.joining(", "));
                text.append(String.format("  %-12s uses %s%n", name, list));
            }
        });
        return text.toString();
    }

    private static Optional<Set<String>> usesOf(String pkg, ClassLoader loader) {
        try {
            Uses uses = Class.forName(pkg + ".package-info", false, loader).getAnnotation(Uses.class);
            return Optional.ofNullable(uses).map(u -> new TreeSet<>(Arrays.asList(u.value())));
        } catch (ClassNotFoundException none) {
            return Optional.empty();
        }
    }

    static String relative(String pkg) {
        return pkg.substring(ROOT.length());
    }
}
