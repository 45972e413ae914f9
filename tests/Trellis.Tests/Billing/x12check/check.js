// Checks an 837I (005010X223A2) or 837P (005010X222A1) file with node-x12, a parser that shares no code
// with Trellis's writer. node-x12 in strict mode refuses bad envelopes (ISA/IEA, GS/GE, ST/SE counts and
// control numbers); this script then walks the transaction's segments for the loops the guides require,
// in order, and checks that each claim's total equals the sum of its lines. Prints one JSON object.
'use strict'
const fs = require('fs')
const { X12Parser } = require('node-x12')

const file = process.argv[2]
const text = fs.readFileSync(file, 'utf8')
const errors = []
const fail = (m) => errors.push(m)
const out = { ok: false, errors, interchanges: 0, groups: 0, transactions: 0, claims: [] }

let interchange
try {
  interchange = new X12Parser(true).parse(text)
} catch (e) {
  fail('node-x12: ' + e.message)
  console.log(JSON.stringify(out))
  process.exit(0)
}
out.interchanges = 1
const isa = interchange.header
if (!/^\d{1,9}$/.test(isa.valueOf(13))) fail('ISA13 is not a control number')
for (const group of interchange.functionalGroups) {
  out.groups++
  const version = group.header.valueOf(8)
  if (group.header.valueOf(1) !== 'HC') fail('GS01 is not HC')
  if (group.header.valueOf(6) !== group.trailer.valueOf(2)) fail('GS06 and GE02 differ')
  if (parseInt(group.trailer.valueOf(1), 10) !== group.transactions.length) fail('GE01 does not count the transactions')
  for (const tx of group.transactions) {
    out.transactions++
    const institutional = version === '005010X223A2'
    if (!institutional && version !== '005010X222A1') fail('GS08 is not an 837 guide: ' + version)
    if (tx.header.valueOf(1) !== '837' || tx.header.valueOf(3) !== version) fail('ST01/ST03 do not name the 837 guide of GS08')
    if (tx.header.valueOf(2) !== tx.trailer.valueOf(2)) fail('ST02 and SE02 differ')
    if (parseInt(tx.trailer.valueOf(1), 10) !== tx.segments.length + 2) fail(`SE01 ${tx.trailer.valueOf(1)} but ${tx.segments.length + 2} segments`)
    walk(tx.segments, institutional)
  }
}
out.ok = errors.length === 0
console.log(JSON.stringify(out))

function walk (segs, institutional) {
  let i = 0
  const tag = () => (segs[i] ? segs[i].tag : 'end')
  const v = (n) => segs[i].valueOf(n) || ''
  const expect = (t, q, where) => {
    if (tag() !== t || (q !== undefined && v(1) !== q)) { fail(`${where}: expected ${t}${q ? '*' + q : ''}, found ${tag()}${segs[i] ? '*' + v(1) : ''} at segment ${i + 4}`); return false }
    i++; return true
  }
  const optional = (t, q) => { while (tag() === t && (q === undefined || v(1) === q)) i++ }
  // Header and 1000A/1000B
  expect('BHT', '0019', 'Header')
  expect('NM1', '41', '1000A submitter'); optional('PER')
  expect('NM1', '40', '1000B receiver')
  // 2000A billing provider
  if (tag() !== 'HL' || v(3) !== '20') fail('2000A: expected HL*…*20')
  i++
  optional('PRV', 'BI')
  expect('NM1', '85', '2010AA billing provider')
  if (segs[i - 1] && segs[i - 1].valueOf(8) !== 'XX') fail('2010AA: billing provider not identified by NPI (XX)')
  expect('N3', undefined, '2010AA address'); expect('N4', undefined, '2010AA city/state/ZIP')
  if (!/^\d{9}$/.test(segs[i - 1].valueOf(3))) fail('2010AA N403: billing provider ZIP must be nine digits')
  expect('REF', 'EI', '2010AA tax id')
  const hlIds = new Set(['1'])
  while (tag() === 'HL') {
    if (v(3) !== '22') { fail(`2000B: expected a subscriber HL (22), found ${v(3)}`); return }
    if (!hlIds.has(v(2))) fail('2000B: HL02 names no parent')
    hlIds.add(v(1))
    const hasPatient = v(4) === '1'
    i++
    expect('SBR', undefined, '2000B subscriber')
    expect('NM1', 'IL', '2010BA subscriber')
    optional('N3'); optional('N4'); optional('DMG')
    expect('NM1', 'PR', '2010BB payer')
    optional('N3'); optional('N4'); optional('REF')
    if (hasPatient) {
      if (tag() !== 'HL' || v(3) !== '23') fail('2000C: subscriber says a patient follows, but no HL*23')
      hlIds.add(v(1)); i++
      expect('PAT', undefined, '2000C'); expect('NM1', 'QC', '2010CA patient'); expect('N3', undefined, '2010CA'); expect('N4', undefined, '2010CA'); expect('DMG', 'D8', '2010CA')
    }
    claim(institutional)
  }
  if (i !== segs.length) fail(`Unexpected ${tag()} at segment ${i + 4}`)

  function claim (inst) {
    if (tag() !== 'CLM') { fail(`2300: expected CLM, found ${tag()}`); return }
    const c = { pcn: v(1), total: Number(v(2)), lines: 0, sum: 0, facility: '', frequency: '', conditions: [], dx: 0, pointers: true, modifiers: [], pos: [] }
    const comp = segs[i].valueOf(5).split(':')
    c.facility = comp[0]; c.frequency = comp[2]
    if (inst && comp[1] !== 'A') fail(`${c.pcn}: CLM05-2 must be A (UB-04 type of bill) on 837I`)
    if (!inst && comp[1] !== 'B') fail(`${c.pcn}: CLM05-2 must be B (place of service) on 837P`)
    i++
    if (inst) { expect('DTP', '434', `${c.pcn} 2300 statement dates`); optional('DTP'); if (tag() === 'CL1') i++ }
    optional('DTP'); optional('PWK'); optional('AMT'); optional('REF')
    if (tag() !== 'HI' || !v(1).startsWith('ABK:')) fail(`${c.pcn}: 2300 principal diagnosis HI*ABK missing`)
    while (tag() === 'HI') {
      for (let n = 1; n <= 12; n++) {
        const e = v(n); if (!e) continue
        if (/^(ABK|ABF):/.test(e)) c.dx++
        if (e.startsWith('BG:')) c.conditions.push(e.split(':')[1])
      }
      i++
    }
    while (tag() === 'NM1' || tag() === 'PRV' || tag() === 'N3' || tag() === 'N4' || tag() === 'REF') {
      if (tag() === 'NM1' && v(8) !== 'XX') fail(`${c.pcn}: 2310 provider NM1*${v(1)} not identified by NPI`)
      i++
    }
    if (inst && !segs.some(s => s.tag === 'NM1' && s.valueOf(1) === '71')) fail(`${c.pcn}: 837I needs the attending provider (2310A NM1*71)`)
    let expectedLine = 1
    while (tag() === 'LX') {
      if (v(1) !== String(expectedLine++)) fail(`${c.pcn}: LX numbers out of order`)
      i++
      const s = segs[i]
      if (inst) {
        if (tag() !== 'SV2') { fail(`${c.pcn}: 2400 expected SV2`); return }
        if (!/^\d{4}$/.test(s.valueOf(1))) fail(`${c.pcn}: SV201 revenue code must be 4 digits`)
        const proc = s.valueOf(2).split(':')
        if (proc[0] !== 'HC' || !proc[1]) fail(`${c.pcn}: SV202 must carry HC:code`)
        if (proc[2]) c.modifiers.push(proc[2])
        c.sum += Number(s.valueOf(3))
      } else {
        if (tag() !== 'SV1') { fail(`${c.pcn}: 2400 expected SV1`); return }
        const proc = s.valueOf(1).split(':')
        if (proc[0] !== 'HC' || !proc[1]) fail(`${c.pcn}: SV101 must carry HC:code`)
        if (proc[2]) c.modifiers.push(proc[2])
        if (!s.valueOf(7)) c.pointers = false
        c.pos.push(s.valueOf(5) || comp[0])
        c.sum += Number(s.valueOf(2))
      }
      c.lines++
      i++
      if (tag() !== 'DTP' || v(1) !== '472') fail(`${c.pcn}: 2400 service date DTP*472 missing`)
      while (['DTP', 'REF', 'AMT', 'NTE', 'NM1', 'PRV'].includes(tag())) i++
    }
    if (c.lines === 0) fail(`${c.pcn}: claim has no service lines`)
    c.sum = Math.round(c.sum * 100) / 100
    if (Math.abs(c.sum - c.total) > 0.001) fail(`${c.pcn}: CLM02 ${c.total} is not the sum of its lines ${c.sum}`)
    out.claims.push(c)
  }
}
