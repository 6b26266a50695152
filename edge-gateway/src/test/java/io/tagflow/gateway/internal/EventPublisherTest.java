package io.tagflow.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventPublisherTest {
  @Test
  void sscc_pureIdentityUri_becomesEighteenDigitsWithCheckDigit() {
    // extension 1, prefix 0614141, serial 234567890: mod-10 weights 3,1,... from the right sum to 132, check digit 8
    assertThat(EventPublisher.sscc("urn:epc:id:sscc:0614141.1234567890")).isEqualTo("106141412345678908");
  }

  @Test
  void sscc_otherUris_giveNull() {
    assertThat(EventPublisher.sscc(null)).isNull();
    assertThat(EventPublisher.sscc("urn:epc:id:sgtin:0614141.112345.400")).isNull();
    assertThat(EventPublisher.sscc("urn:epc:id:sscc:bad")).isNull();
  }
}
