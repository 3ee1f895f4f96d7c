package io.jenkins.plugins.bluegreen.jenkins.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A waiting approval is found among the build's running steps, as the input step finds its own, so it is there after a
 * restart as soon as the Pipeline is loaded. A registry of waiting steps in a static field would be empty after a
 * restart until each step had resumed, and an approver's answer in between would find nothing.
 */
class SwitchStepTest {

    @Test
    void waitingApprovalsAreNotKeptInAStaticRegistry() {
        Stream<Field> fields = Stream.concat(Stream.of(SwitchStep.class), Arrays.stream(SwitchStep.class.getDeclaredClasses()))
                .flatMap(type -> Arrays.stream(type.getDeclaredFields()));

        assertThat(fields.filter(field -> Modifier.isStatic(field.getModifiers()))
                .filter(field -> Map.class.isAssignableFrom(field.getType()) || Collection.class.isAssignableFrom(field.getType()))
                .map(Field::getName)).isEmpty();
    }
}
