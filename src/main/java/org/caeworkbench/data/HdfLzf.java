package org.caeworkbench.data;

import io.jhdf.exceptions.HdfFilterException;
import io.jhdf.filter.Filter;
import io.jhdf.filter.FilterManager;

/**
 * h5py's LZF filter (id 32000, what {@code adata.write_h5ad(compression="lzf")} uses), for every chunk h5py writes with it.
 * jHDF's own LZF filter needs the chunk's uncompressed size in the filter's parameters, which h5py leaves out for
 * variable-length strings (obs and var names, categories), so such a file could not be read ("Index 2 out of bounds").
 * This one decodes with the size when it is given and, like h5py's own filter, without it too: LZF's format ends where
 * its input ends, so the output is grown until the input is used up. Written here rather than taken from compress-lzf
 * (which jHDF brings) because that library's decoder must be told the exact output length.
 */
public final class HdfLzf implements Filter {
    private static volatile boolean installed;

    /** Makes jHDF decode LZF chunks with this filter (once; later calls do nothing). */
    public static void install() {
        if (installed) return;
        synchronized (HdfLzf.class) {
            if (!installed) {
                FilterManager.addFilter(new HdfLzf());
                installed = true;
            }
        }
    }

    @Override public int getId() { return 32000; }

    @Override public String getName() { return "lzf"; }

    @Override public byte[] decode(byte[] encoded, int[] filterData) {
        int known = filterData != null && filterData.length > 2 ? filterData[2] : 0;
        if (known == encoded.length) return encoded;     // h5py stores a chunk that LZF would not shrink as it is
        return decompress(encoded, known > 0 ? known : -1);
    }

    /** Raw LZF (Marc Lehmann's format, as liblzf writes it) into {@code size} bytes, or into as many as it takes for -1. */
    static byte[] decompress(byte[] in, int size) {
        byte[] out = new byte[size > 0 ? size : Math.max(64, in.length * 4)];
        int ip = 0;
        int op = 0;
        while (ip < in.length) {
            int ctrl = in[ip++] & 0xff;
            if (ctrl < 32) {                                  // a literal run of ctrl + 1 bytes
                int len = ctrl + 1;
                if (ip + len > in.length) throw new HdfFilterException("LZF data end inside a literal run");
                out = room(out, op + len, size);
                System.arraycopy(in, ip, out, op, len);
                ip += len;
                op += len;
            } else {                                          // a back reference: length, then distance
                int len = ctrl >> 5;
                if (ip >= in.length) throw new HdfFilterException("LZF data end inside a back reference");
                if (len == 7) len += in[ip++] & 0xff;
                if (ip >= in.length) throw new HdfFilterException("LZF data end inside a back reference");
                int ref = op - ((ctrl & 0x1f) << 8) - 1 - (in[ip++] & 0xff);
                len += 2;
                if (ref < 0) throw new HdfFilterException("LZF back reference before the start of the data");
                out = room(out, op + len, size);
                for (int i = 0; i < len; i++) out[op++] = out[ref++];      // may overlap: byte by byte
            }
        }
        if (size > 0 && op != size) throw new HdfFilterException("LZF data decoded to " + op + " bytes, not the " + size + " announced");
        return op == out.length ? out : java.util.Arrays.copyOf(out, op);
    }

    private static byte[] room(byte[] out, int needed, int size) {
        if (needed <= out.length) return out;
        if (size > 0) throw new HdfFilterException("LZF data decode to more than the " + size + " bytes announced");
        return java.util.Arrays.copyOf(out, Math.max(needed, out.length * 2));
    }
}
