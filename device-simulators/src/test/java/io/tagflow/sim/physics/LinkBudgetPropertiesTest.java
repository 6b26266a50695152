package io.tagflow.sim.physics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tagflow.sim.scenario.PhysicsSpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class LinkBudgetPropertiesTest {
  private static final LinkBudget LINK = new LinkBudget(PhysicsSpec.DEFAULT, 60);

  @Property
  void farther_weakerForwardPowerRssiAndReadProbability(@ForAll @DoubleRange(min = 0.3, max = 80) double near,
                                                       @ForAll @DoubleRange(min = 0.05, max = 40) double extra,
                                                       @ForAll @DoubleRange(min = 10, max = 33) double txDbm,
                                                       @ForAll @DoubleRange(min = 0, max = 20) double tagLossDb) {
    double far = near + extra;
    double gNear = LINK.oneWayGainDb(6, 0, near);
    double gFar = LINK.oneWayGainDb(6, 0, far);
    assertThat(gFar).isLessThanOrEqualTo(gNear);
    double fNear = LINK.forwardDbm(txDbm, gNear, tagLossDb);
    double fFar = LINK.forwardDbm(txDbm, gFar, tagLossDb);
    assertThat(fFar).isLessThanOrEqualTo(fNear);
    assertThat(LINK.rssiDbm(fFar, gFar, tagLossDb)).isLessThanOrEqualTo(LINK.rssiDbm(fNear, gNear, tagLossDb));
    assertThat(LINK.readProbability(LINK.marginDb(fFar))).isLessThanOrEqualTo(LINK.readProbability(LINK.marginDb(fNear)));
    // The exact model is strictly decreasing beyond the 0.1 m clamp.
    assertThat(LINK.pathLossExactDb(far)).isGreaterThan(LINK.pathLossExactDb(near));
  }

  @Property
  void readProbability_isAProbabilityRisingWithMargin(@ForAll @DoubleRange(min = -60, max = 60) double margin,
                                                      @ForAll @DoubleRange(min = 0, max = 10) double more) {
    double p = LINK.readProbability(margin);
    assertThat(p).isBetween(0.0, 1 - PhysicsSpec.DEFAULT.missProbability() + 1e-12);
    assertThat(LINK.readProbability(margin + more)).isGreaterThanOrEqualTo(p - 1e-12);
  }

  @Property
  void pattern_offAxis_neverStrongerAndFloored(@ForAll @DoubleRange(min = 0, max = 180) double angle,
                                               @ForAll @DoubleRange(min = 0, max = 30) double more,
                                               @ForAll @DoubleRange(min = 20, max = 120) double beamwidth) {
    double a = LinkBudget.patternDb(angle, beamwidth, 20);
    double b = LinkBudget.patternDb(Math.min(180, angle + more), beamwidth, 20);
    assertThat(b).isLessThanOrEqualTo(a).isGreaterThanOrEqualTo(-20);
    assertThat(LinkBudget.patternDb(beamwidth / 2, beamwidth, 20)).isCloseTo(-3.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Property
  void moreTagsInField_fewerReadsPerTagAndRateCapped(@ForAll @IntRange(min = 1, max = 3000) int n,
                                                     @ForAll @DoubleRange(min = 0.01, max = 1) double dwellS,
                                                     @ForAll @DoubleRange(min = 50, max = 2000) double maxRate) {
    InventoryModel model = new InventoryModel(maxRate);
    double perTag = model.readsPerTag(n, dwellS);
    assertThat(model.readsPerTag(n + 1, dwellS)).isLessThanOrEqualTo(perTag);
    assertThat(n * perTag).isLessThanOrEqualTo(maxRate * dwellS * (1 + 1e-9));
    assertThat(perTag).isPositive();
  }

  @Property
  void shadowing_deterministicAndBounded(@ForAll long seed, @ForAll @IntRange(min = 0, max = 100_000) int tag,
                                         @ForAll @DoubleRange(min = -100, max = 100) double x) {
    double s = LINK.shadowingDb(seed, 3, tag, x, 5, 1);
    assertThat(s).isEqualTo(LINK.shadowingDb(seed, 3, tag, x, 5, 1));
    assertThat(Math.abs(s)).isLessThanOrEqualTo(LINK.maxShadowingDb());
  }

  @Property(tries = 20)
  void gen2Model_denseField_readsAtTheRatedRate(@ForAll @DoubleRange(min = 100, max = 2000) double maxRate) {
    // With hundreds of tags, frame efficiency tends to 1/e and throughput to the calibrated rate.
    InventoryModel model = new InventoryModel(maxRate);
    double total = 500 * model.readsPerTag(500, 1.0);
    assertThat(total).isBetween(0.97 * maxRate, maxRate * (1 + 1e-9));
  }
}
