package org.caeworkbench.export;

import io.jhdf.object.datatype.BitField;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Booleans as h5py writes them, so that anndata reads {@code bool}: an HDF5 enumeration of one signed
 * byte with the members FALSE = 0 and TRUE = 1. jHDF 0.13 writes Java booleans as an 8-bit bit field
 * (read by h5py as {@code uint8}) and has no way to ask for an enumeration; the bytes of the data are
 * the same (0 or 1 each), so only the type description differs. {@link #asEnum} gives a dataset or
 * attribute jHDF has just been handed this description instead, by replacing its datatype field (jHDF
 * writes nothing before the file is closed). When jHDF's fields are not as expected it does nothing
 * and says so, and the values stay 0/1.
 */
final class HdfBooleans {
    private HdfBooleans() {}

    /** The enumeration FALSE/TRUE over a signed byte; its data are jHDF's bit field's bytes. */
    static final class EnumBool extends BitField {
        EnumBool() {
            super(BitField.INSTANCE.toBuffer());
        }

        @Override
        public ByteBuffer toBuffer() {
            ByteBuffer b = ByteBuffer.allocate(38).order(ByteOrder.LITTLE_ENDIAN);
            b.put((byte) 0x18);                  // class 8 (enumeration), version 1
            b.put((byte) 2).put((byte) 0).put((byte) 0);   // 2 members
            b.putInt(1);                          // 1 byte per value
            b.put((byte) 0x10);                  // base: class 0 (fixed point), version 1
            b.put((byte) 0x08).put((byte) 0).put((byte) 0);   // little-endian, signed
            b.putInt(1);
            b.putShort((short) 0).putShort((short) 8);   // bit offset 0, precision 8
            b.put(name("FALSE")).put(name("TRUE"));   // names, each null-terminated and padded to 8 bytes
            b.put((byte) 0).put((byte) 1);
            b.flip();
            return b;
        }

        private static byte[] name(String s) {
            byte[] out = new byte[8];
            byte[] n = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(n, 0, out, 0, n.length);
            return out;
        }
    }

    private static final EnumBool TYPE = new EnumBool();
    private static final boolean AVAILABLE = check();

    private static boolean check() {
        try {
            for (Class<?> c : new Class<?>[] {io.jhdf.WritableDatasetImpl.class, io.jhdf.api.WritableAttributeImpl.class}) {
                Field f = c.getDeclaredField("dataType");
                f.setAccessible(true);
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    /** Whether booleans are written as h5py's enumeration (else as 0/1 bytes). */
    static boolean available() {
        return AVAILABLE;
    }

    /**
     * Makes a freshly put jHDF dataset or attribute of booleans an enumeration; false when jHDF's insides
     * were not as expected (then it stays a bit field).
     */
    static boolean asEnum(Object writable) {
        try {
            Field f = writable.getClass().getDeclaredField("dataType");
            f.setAccessible(true);
            if (!(f.get(writable) instanceof BitField)) return false;
            f.set(writable, TYPE);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }
}
