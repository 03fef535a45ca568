package io.maskstudio.io;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CI switch: interop tests skip where Python modules are missing, unless interop is required. */
class PythonTest {
    private static final String ABSENT = "maskstudio_no_such_module";

    @Test
    void theSwitchReadsTheEnvironmentVariableAndTheProperty() {
        assertTrue(Python.interopRequired("1", null));
        assertTrue(Python.interopRequired("true", null));
        assertTrue(Python.interopRequired(null, "true"));
        assertFalse(Python.interopRequired(null, null));
        assertFalse(Python.interopRequired("0", "false"));
        assertFalse(Python.interopRequired("", ""));
    }

    @Test
    void aMissingModuleSkipsOrFailsAsTheSwitchSays() {
        assertNotNull(Python.missing(ABSENT), "the module really is absent");
        String before = System.getProperty(Python.REQUIRE_PROPERTY);
        boolean envRequires = Python.interopRequired(System.getenv(Python.REQUIRE_ENV), null);
        try {
            System.setProperty(Python.REQUIRE_PROPERTY, "true");
            AssertionFailedError failed = assertThrows(AssertionFailedError.class, () -> Python.assumeModules(ABSENT));
            assertTrue(failed.getMessage().contains(ABSENT), failed.getMessage());
            if (!envRequires) { // CI sets the variable, and then nothing may skip
                System.setProperty(Python.REQUIRE_PROPERTY, "false");
                assertThrows(TestAbortedException.class, () -> Python.assumeModules(ABSENT));
            }
        } finally {
            if (before == null) System.clearProperty(Python.REQUIRE_PROPERTY);
            else System.setProperty(Python.REQUIRE_PROPERTY, before);
        }
    }
}
