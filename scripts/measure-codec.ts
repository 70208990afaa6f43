/**
 * Measures the payload codec's cost per payload: encode + decode of a typical agreement payload
 * (the employer's signing: contact, the eight sections, archive) and of a small one (an activity's
 * id argument), and the bytes it adds. A measurement, not a test: it prints figures and asserts
 * nothing.
 *
 *   npx tsx scripts/measure-codec.ts [iterations=10000]
 */
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { AesGcmPayloadCodec, generatePayloadKey } from '../temporal/payload-codec';
import { singleKeyring } from '../temporal/payload-keys';

const iterations = Number(process.argv[2] ?? 10_000);
const codec = new AesGcmPayloadCodec(singleKeyring(generatePayloadKey('measure-2026')));

const employerSign = {
  unitNature: '39',
  contact: { phone: '021-31231230', address: '上海市宝山区上大路99号', postcode: '200444', contactPerson: '张老师', email: '24@qq.com' },
  agreement: {
    subject: { position: '软件工程师', jobCategoryCode: '13', workLocation: '上海市', duties: '软件开发' },
    employmentTerms: { contractTermMonths: 12, servicePeriodMonths: 12, probationMonths: 1, benefits: '调休', monthlySalaryPreTax: 5000, monthlySalaryAfterTax: 5000 },
    rescission: '经双方协商一致，可以解除本协议。',
    breachLiability: { penaltyYuan: 5000, text: '违约方向守约方支付违约金。' },
    supplementaryClauses: '无',
    effectiveness: '本协议经三方确认后生效。',
    termination: '乙方报到并签订劳动合同后，本协议自行终止。',
    text: '甲乙双方通过供需见面、双向选择，达成如下协议。',
  },
  archive: { unitName: '上海市学生事务中心', postcode: '200032', recipient: '档案室', phone: '021-64826000', address: '上海市徐汇区零陵路599号' },
  previewed: true,
  actor: { role: 'employer', id: '7d0f3c1e-8a59-4b8e-9d1e-2f3a4b5c6d7e', partyId: '91350200MA31E12PXF' },
};

const size = (p: Payload) => (p.data?.length ?? 0) + Object.entries(p.metadata ?? {}).reduce((n, [k, v]) => n + k.length + v.length, 0);

async function measure(name: string, payload: Payload): Promise<void> {
  // Warm-up: JIT and OpenSSL's first-use costs are not what a running worker pays.
  for (let i = 0; i < 1_000; i++) await codec.decode(await codec.encode([payload]));
  const encodeTimes: number[] = [];
  const decodeTimes: number[] = [];
  let encoded: Payload[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    encoded = await codec.encode([payload]);
    const t1 = performance.now();
    await codec.decode(encoded);
    decodeTimes.push(performance.now() - t1);
    encodeTimes.push(t1 - t0);
  }
  const us = (times: number[]) => {
    const sorted = [...times].sort((a, b) => a - b);
    const mean = (times.reduce((a, b) => a + b, 0) / times.length) * 1000;
    return `${mean.toFixed(1)} µs (median ${(sorted[sorted.length >> 1]! * 1000).toFixed(1)}, p99 ${(sorted[Math.floor(sorted.length * 0.99)]! * 1000).toFixed(1)})`;
  };
  const before = size(payload);
  const after = size(encoded[0]!);
  console.log(`${name}: ${before} → ${after} bytes (+${after - before}, +${(((after - before) / before) * 100).toFixed(0)}%)`);
  console.log(`  encode ${us(encodeTimes)}`);
  console.log(`  decode ${us(decodeTimes)}`);
  const total = encodeTimes.reduce((a, b) => a + b, 0) + decodeTimes.reduce((a, b) => a + b, 0);
  console.log(`  encode + decode ${((total / iterations) * 1000).toFixed(1)} µs per payload over ${iterations} iterations`);
}

console.log(`Node ${process.version}, AES-256-GCM (node:crypto), ${iterations} iterations each`);
await measure('agreement (employer-sign input)', defaultPayloadConverter.toPayload(employerSign));
await measure('small (an activity id argument)', defaultPayloadConverter.toPayload('2f3a4b5c-6d7e-4b8e-9d1e-7d0f3c1e8a59'));
