package dev.fleetsim.desktop.results;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The job table's two filter boxes say what "all" is of (both read "all" side by side). */
class FilterLabelsTest {

    @Test
    void allIsShownAsAllOfWhat() {
        javafx.util.StringConverter<String> states = ResultsView.allAs("all states");
        assertEquals("all states", states.toString(ResultsViewModel.ALL));
        assertEquals("FINISHED", states.toString("FINISHED"));
        assertEquals(ResultsViewModel.ALL, states.fromString("all states"));
        assertEquals("research", ResultsView.allAs("all tenants").fromString("research"));
    }
}
