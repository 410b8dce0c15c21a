import { runtimePom } from './maven.js';

describe('runtimePom', () => {
  it('lists each artifact as a dependency of a pom-packaged project', () => {
    const pom = runtimePom('kafka-runtime', [
      { groupId: 'org.apache.kafka', artifactId: 'kafka_2.13', version: '3.9.2' },
      { groupId: 'org.slf4j', artifactId: 'slf4j-reload4j', version: '1.7.36' },
    ]);
    expect(pom).toContain('<artifactId>kafka-runtime</artifactId>');
    expect(pom).toContain('<packaging>pom</packaging>');
    expect(pom).toContain(
      '<dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>3.9.2</version></dependency>',
    );
    expect(pom).toContain('<artifactId>slf4j-reload4j</artifactId><version>1.7.36</version>');
  });
});
