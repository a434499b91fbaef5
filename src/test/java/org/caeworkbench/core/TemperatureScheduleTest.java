package org.caeworkbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.caeworkbench.core.TemperatureSchedule.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class TemperatureScheduleTest {

    @ParameterizedTest
    @EnumSource(value = Shape.class, names = {"EXPONENTIAL", "LINEAR", "COSINE"})
    void startsAtT0EndsExactlyAtTEndAndNeverRises(Shape shape) {
        TemperatureSchedule s = new TemperatureSchedule(shape, 10, 0.01);
        long n = 7 * 261;                     // e.g. 7 epochs of 261 steps
        assertEquals(10, s.at(0, n), 1e-12);
        assertEquals(0.01, s.at(n - 1, n), 0.0);
        for (long i = 1; i < n; i++) assertTrue(s.at(i, n) <= s.at(i - 1, n), shape + " rose at step " + i);
    }

    @Test
    void exponentialIsThePapersGeometricDecay() {
        TemperatureSchedule s = new TemperatureSchedule(Shape.EXPONENTIAL, 10, 0.01);
        // halfway through, T = T0 * (TB / T0)^(1/2) = sqrt(10 * 0.01)
        assertEquals(Math.sqrt(0.1), s.at(0.5), 1e-12);
        // a constant ratio between consecutive positions
        double r1 = s.at(1, 11) / s.at(0, 11);
        double r2 = s.at(9, 11) / s.at(8, 11);
        assertEquals(r1, r2, 1e-12);
    }

    @Test
    void constantStaysAtT0AndASinglePositionUsesTEnd() {
        assertEquals(2.0, new TemperatureSchedule(Shape.CONSTANT, 2, 0.5).at(5, 10), 0.0);
        assertEquals(0.5, new TemperatureSchedule(Shape.LINEAR, 2, 0.5).at(0, 1), 0.0);
    }
}
