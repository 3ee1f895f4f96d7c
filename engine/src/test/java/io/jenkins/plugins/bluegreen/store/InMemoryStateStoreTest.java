package io.jenkins.plugins.bluegreen.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.model.ServiceState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryStateStoreTest {

    @Test
    void savesCompareTheRevision() {
        InMemoryStateStore store = new InMemoryStateStore();
        ServiceState read = store.load("shop");

        assertThat(store.save(read).revision()).isEqualTo(1);
        assertThatThrownBy(() -> store.save(read)).isInstanceOf(StaleStateException.class);
        assertThat(store.load("shop").revision()).isEqualTo(1);
    }

    @Test
    void leasesAreExclusivePerService() {
        InMemoryStateStore store = new InMemoryStateStore();
        try (StateStore.Lease ignored = store.acquire("shop", "a", Duration.ZERO);
                StateStore.Lease other = store.acquire("cart", "b", Duration.ZERO)) {
            assertThat(other.holder()).isEqualTo("b");
            assertThatThrownBy(() -> store.acquire("shop", "c", Duration.ZERO)).hasMessageContaining("held by a");
        }
    }
}
