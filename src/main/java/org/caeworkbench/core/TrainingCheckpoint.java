package org.caeworkbench.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.zip.CRC32;
import org.caeworkbench.data.Dataset;

/**
 * Everything needed to continue training exactly where it was, taken at an epoch boundary: the
 * parameters, Adam's moments and step count, the try of the convergence rule and how far it got, the
 * history and messages so far and the elapsed time. The randomness of each epoch (shuffling, Gumbel
 * noise, dropout) is drawn from generators seeded by (seed, try, epoch) at the epoch's start, so a run
 * resumed from a checkpoint repeats the uninterrupted run step for step.
 *
 * <p>A checkpoint handed to a {@link CheckpointSink} refers to the trainer's live arrays: they are
 * valid during the call only (write or copy them there).
 *
 * @param tryNumber        the try of the convergence rule (1-based)
 * @param epochsOfTry      the epochs this try runs (the first try's epochs doubled per retry)
 * @param epochsDone       epochs of this try already done; training continues with epoch epochsDone + 1
 * @param step             optimiser steps taken in this try (the temperature schedule's position)
 * @param features         d, the model's features
 * @param k                selectors
 * @param hidden           decoder hidden layer sizes
 * @param dataChecksum     {@link #dataChecksum(Dataset)} of the training rows, to refuse other data
 * @param parameters       every parameter, flat, in the model's layout
 * @param adamFirstMoment  Adam's m, same layout
 * @param adamSecondMoment Adam's v, same layout
 * @param adamSteps        Adam's t
 * @param validationLoss   the last epoch's validation loss (NaN when there is none yet)
 * @param seconds          training time so far, all tries
 * @param history          one record per finished epoch, all tries
 * @param messages         what the user was told so far (restarts of the convergence rule)
 */
public record TrainingCheckpoint(int tryNumber, int epochsOfTry, int epochsDone, long step, int features, int k, int[] hidden,
                                 long dataChecksum, float[] parameters, float[] adamFirstMoment, float[] adamSecondMoment,
                                 long adamSteps, double validationLoss, double seconds, List<EpochRecord> history,
                                 List<String> messages) {

    public TrainingCheckpoint {
        if (tryNumber < 1 || epochsDone < 0 || epochsDone > epochsOfTry)
            throw new IllegalArgumentException("checkpoint at try " + tryNumber + ", epoch " + epochsDone + " of " + epochsOfTry + " is not possible");
        if (parameters.length != adamFirstMoment.length || parameters.length != adamSecondMoment.length)
            throw new IllegalArgumentException("checkpoint arrays differ in length: " + parameters.length + ", "
                    + adamFirstMoment.length + ", " + adamSecondMoment.length);
        history = List.copyOf(history);
        messages = List.copyOf(messages);
    }

    /** CRC-32 of the shape and the float bits of the rows: the same prepared data give the same number. */
    public static long dataChecksum(Dataset d) {
        CRC32 crc = new CRC32();
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(d.rows()).putInt(d.cols());
        crc.update(head.flip());
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer floats = bytes.asFloatBuffer();
        int cols = d.cols();
        d.forEachRow((r, v, base) -> {     // row by row: the same bytes in the same order as one array, without a copy
            for (int at = 0; at < cols; at += floats.capacity()) {
                int n = Math.min(floats.capacity(), cols - at);
                floats.clear();
                floats.put(v, base + at, n);
                bytes.clear().limit(n * 4);
                crc.update(bytes);
            }
        });
        return crc.getValue();
    }
}
