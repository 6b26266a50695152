package io.tagflow.sim.physics.internal;

import java.util.Arrays;

/**
 * Every tag of a scene, flat: EPC halves, offset from the pallet's base centre (metres) and the tag's
 * fixed loss (orientation plus occlusion, dB). Filled once while planning, then read-only.
 */
public final class TagTable {
  private int size;
  private long[] epcHigh = new long[256];
  private int[] epcLow = new int[256];
  private float[] dx = new float[256];
  private float[] dy = new float[256];
  private float[] dz = new float[256];
  private float[] lossDb = new float[256];

  /** Adds a tag and returns its index. */
  public int add(long high, int low, double offX, double offY, double offZ, double loss) {
    if (size == epcHigh.length) {
      int n = size * 2;
      epcHigh = Arrays.copyOf(epcHigh, n);
      epcLow = Arrays.copyOf(epcLow, n);
      dx = Arrays.copyOf(dx, n);
      dy = Arrays.copyOf(dy, n);
      dz = Arrays.copyOf(dz, n);
      lossDb = Arrays.copyOf(lossDb, n);
    }
    epcHigh[size] = high;
    epcLow[size] = low;
    dx[size] = (float) offX;
    dy[size] = (float) offY;
    dz[size] = (float) offZ;
    lossDb[size] = (float) loss;
    return size++;
  }

  public int size() {
    return size;
  }

  public long epcHigh(int i) {
    return epcHigh[i];
  }

  public int epcLow(int i) {
    return epcLow[i];
  }

  public float dx(int i) {
    return dx[i];
  }

  public float dy(int i) {
    return dy[i];
  }

  public float dz(int i) {
    return dz[i];
  }

  public float lossDb(int i) {
    return lossDb[i];
  }
}
