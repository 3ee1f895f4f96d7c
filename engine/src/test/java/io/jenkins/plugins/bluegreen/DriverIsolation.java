package io.jenkins.plugins.bluegreen;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;

/** Each driver lives in {@code drivers.<name>} and may not reach into another driver's package. */
final class DriverIsolation {

    private DriverIsolation() {}

    static ArchRule rule(String driversPackage) {
        return ArchRuleDefinition.classes()
                .that(DescribedPredicate.describe("are in a driver package", (JavaClass c) -> driverOf(c, driversPackage) != null))
                .should(new ArchCondition<>("depend on no other driver's package") {
                    @Override
                    public void check(JavaClass item, ConditionEvents events) {
                        String own = driverOf(item, driversPackage);
                        item.getDirectDependenciesFromSelf().forEach(dependency -> {
                            String other = driverOf(dependency.getTargetClass(), driversPackage);
                            if (other != null && !other.equals(own)) {
                                events.add(SimpleConditionEvent.violated(item, dependency.getDescription()));
                            }
                        });
                    }
                })
                .allowEmptyShould(true);
    }

    /** The driver a class belongs to ({@code haproxy} for {@code drivers.haproxy.X}), or null outside driver packages. */
    private static String driverOf(JavaClass javaClass, String driversPackage) {
        String name = javaClass.getPackageName();
        if (!name.startsWith(driversPackage + ".")) {
            return null;
        }
        String rest = name.substring(driversPackage.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

}
