package io.jenkins.plugins.bluegreen.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServiceNameTest {

    @Test
    void aMissingNameIsCalledMissingNotNull() {
        assertThatThrownBy(() -> ServiceName.requireValid("service", null)).hasMessage("service: missing; give the service's name, e.g. 'shop'");
        assertThatThrownBy(() -> ServiceName.requireValid("service", "  ")).hasMessageStartingWith("service: missing");
    }

    @Test
    void aNameOutsideTheSafeAlphabetIsRefusedWithTheRule() {
        assertThat(ServiceName.requireValid("service", "shop-eu.1")).isEqualTo("shop-eu.1");
        assertThatThrownBy(() -> ServiceName.requireValid("service", "../etc")).hasMessageContaining("is not a valid service name; use 1-63 letters");
    }
}
