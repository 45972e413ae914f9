// Checks an 837I (005010X223A2) or 837P (005010X222A1) file with node-x12, a parser that shares no code
// with Trellis's writer. node-x12 in strict mode refuses bad envelopes (ISA/IEA, GS/GE, ST/SE counts and
// control numbers); this script then walks the transaction's segments for the loops the guides require,
// in order, and checks that each claim's total equals the sum of its lines; on a secondary claim it walks the
// 2320/2330A/2330B/2430 loops of the payer before it and checks the COB balancing (each 2430: line charge =
// paid + adjustments; each 2320: CLM02 less claim- and line-level adjustments = AMT*D); each 837P line's SV107
// points at one to four distinct HI diagnoses (linePointers). Prints one JSON object.
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
if (process.argv[3] === '--envelope') {
  // Any other X12 file (a test's 999 or 277CA): node-x12's strict envelope checks only, and what it holds.
  out.groups = interchange.functionalGroups.length
  out.types = []
  for (const group of interchange.functionalGroups) {
    if (group.header.valueOf(6) !== group.trailer.valueOf(2)) fail('GS06 and GE02 differ')
    for (const tx of group.transactions) {
      out.transactions++
      out.types.push(tx.header.valueOf(1) + '/' + (tx.header.valueOf(3) || group.header.valueOf(8)))
      if (parseInt(tx.trailer.valueOf(1), 10) !== tx.segments.length + 2) fail(`SE01 ${tx.trailer.valueOf(1)} but ${tx.segments.length + 2} segments`)
    }
  }
  out.ok = errors.length === 0
  console.log(JSON.stringify(out))
  process.exit(0)
}
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

function round (n) { return Math.round(n * 100) / 100 }

// Sum of a CAS segment's amounts (CAS02/03, 05/06 … 17/18); the group must be a known one.
function casSum (seg, where) {
  if (!['CO', 'CR', 'OA', 'PI', 'PR'].includes(seg.valueOf(1))) fail(`${where}: CAS01 '${seg.valueOf(1)}' is not an adjustment group`)
  let sum = 0
  for (let n = 2; n <= 17; n += 3) {
    const reason = seg.valueOf(n)
    if (!reason) continue
    const amount = Number(seg.valueOf(n + 1))
    if (Number.isNaN(amount) || seg.valueOf(n + 1) === '') fail(`${where}: CAS reason ${reason} has no amount`)
    else sum += amount
  }
  return sum
}

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
    const sequence = segs[i] && segs[i].tag === 'SBR' ? segs[i].valueOf(1) : ''
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
    claim(institutional, sequence)
  }
  if (i !== segs.length) fail(`Unexpected ${tag()} at segment ${i + 4}`)

  function claim (inst, sequence) {
    if (tag() !== 'CLM') { fail(`2300: expected CLM, found ${tag()}`); return }
    const c = { pcn: v(1), total: Number(v(2)), lines: 0, sum: 0, facility: '', frequency: '', conditions: [], dx: 0, pointers: true, linePointers: [], modifiers: [], pos: [] }
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
    // 2320 other subscriber (a secondary claim repeats the primary payer's answer), with 2330A/2330B
    c.sequence = sequence
    c.otherPayers = []
    while (tag() === 'SBR') {
      const o = { sequence: v(1), relationship: v(2), filing: v(9), claimAdjustments: 0, paid: null, payerId: '', adjudicated: '', lineAdjustments: 0, linePaid: 0, lines: 0 }
      if (!['P', 'S', 'T', 'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'U'].includes(o.sequence)) fail(`${c.pcn}: 2320 SBR01 '${o.sequence}' is not a payer responsibility code`)
      if (!o.relationship) fail(`${c.pcn}: 2320 SBR02 (relationship to the other subscriber) missing`)
      if (!o.filing) fail(`${c.pcn}: 2320 SBR09 (claim filing indicator) missing`)
      i++
      while (tag() === 'CAS') { o.claimAdjustments += casSum(segs[i], `${c.pcn} 2320`); i++ }
      while (tag() === 'AMT') { if (v(1) === 'D') o.paid = Number(v(2)); i++ }
      if (o.paid === null) fail(`${c.pcn}: 2320 AMT*D (payer paid amount) missing`)
      expect('OI', undefined, `${c.pcn} 2320 other insurance`)
      optional('MIA'); optional('MOA')
      expect('NM1', 'IL', `${c.pcn} 2330A other subscriber`)
      if (segs[i - 1] && !segs[i - 1].valueOf(9)) fail(`${c.pcn}: 2330A NM109 (other subscriber's id) missing`)
      optional('N3'); optional('N4'); optional('REF')
      if (tag() !== 'NM1' || v(1) !== 'PR') { fail(`${c.pcn}: 2330B expected NM1*PR, found ${tag()}`); return }
      o.payerId = v(9)
      if (!o.payerId) fail(`${c.pcn}: 2330B NM109 (other payer's id) missing`)
      i++
      optional('N3'); optional('N4')
      while (tag() === 'DTP') { if (v(1) === '573') o.adjudicated = v(3); i++ }
      optional('REF')
      while (tag() === 'NM1' && ['DN', 'P3', '77', '82', 'DQ', '85'].includes(v(1))) { i++; optional('REF') }
      c.otherPayers.push(o)
    }
    if (sequence !== 'P' && c.otherPayers.length === 0) fail(`${c.pcn}: SBR01 ${sequence} (not primary) but no 2320 loop names the payer before it`)
    if (c.otherPayers.length > 0 && !c.otherPayers.some(o => o.adjudicated)) fail(`${c.pcn}: 2330B DTP*573 (adjudication date) missing`)
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
        // SV107: one to four distinct pointers, each a position in the 2300 HI diagnoses (1-12)
        const ptrs = (s.valueOf(7) || '').split(':').filter(x => x !== '').map(Number)
        if (ptrs.length > 4) fail(`${c.pcn}: SV107 line ${c.lines + 1} has ${ptrs.length} pointers; at most 4`)
        if (new Set(ptrs).size !== ptrs.length) fail(`${c.pcn}: SV107 line ${c.lines + 1} repeats a pointer`)
        for (const p of ptrs) if (!Number.isInteger(p) || p < 1 || p > c.dx) fail(`${c.pcn}: SV107 line ${c.lines + 1} points at diagnosis ${p}, but HI has ${c.dx}`)
        c.linePointers.push(ptrs)
        c.pos.push(s.valueOf(5) || comp[0])
        c.sum += Number(s.valueOf(2))
      }
      c.lines++
      i++
      const lineCharge = Number(inst ? s.valueOf(3) : s.valueOf(2))
      if (tag() !== 'DTP' || v(1) !== '472') fail(`${c.pcn}: 2400 service date DTP*472 missing`)
      while (['DTP', 'REF', 'AMT', 'NTE', 'NM1', 'PRV'].includes(tag())) i++
      // 2430 line adjudication by each other payer: charge = paid + adjustments
      const adjudicatedBy = new Set()
      while (tag() === 'SVD') {
        const payerId = v(1)
        const paid = Number(v(2))
        const proc = v(3).split(':')
        if (proc[0] !== 'HC' && proc[0] !== 'NU') fail(`${c.pcn}: 2430 SVD03 must carry HC:code or NU:revenue code`)
        const o = c.otherPayers.find(x => x.payerId === payerId)
        if (!o) fail(`${c.pcn}: 2430 SVD01 ${payerId} names no 2330B payer`)
        adjudicatedBy.add(payerId)
        i++
        let adjusted = 0
        while (tag() === 'CAS') { adjusted += casSum(segs[i], `${c.pcn} 2430`); i++ }
        if (tag() !== 'DTP' || v(1) !== '573') fail(`${c.pcn}: 2430 DTP*573 (line adjudication date) missing`)
        while (tag() === 'DTP' || tag() === 'AMT') i++
        if (Math.abs(lineCharge - paid - adjusted) > 0.001) fail(`${c.pcn}: 2430 line ${c.lines}: charge ${lineCharge} is not paid ${paid} + adjustments ${adjusted}`)
        if (o) { o.lineAdjustments += adjusted; o.linePaid += paid; o.lines++ }
      }
      while (['LQ', 'FRM'].includes(tag())) i++
    }
    if (c.lines === 0) fail(`${c.pcn}: claim has no service lines`)
    c.sum = Math.round(c.sum * 100) / 100
    if (Math.abs(c.sum - c.total) > 0.001) fail(`${c.pcn}: CLM02 ${c.total} is not the sum of its lines ${c.sum}`)
    // COB balancing per other payer: CLM02 less its claim- and line-level adjustments is what it paid (AMT*D)
    for (const o of c.otherPayers) {
      o.claimAdjustments = round(o.claimAdjustments); o.lineAdjustments = round(o.lineAdjustments); o.linePaid = round(o.linePaid)
      if (o.lines > 0 && o.lines !== c.lines) fail(`${c.pcn}: payer ${o.payerId} adjudicated ${o.lines} of ${c.lines} lines (2430)`)
      const expected = round(c.total - o.claimAdjustments - o.lineAdjustments)
      if (o.paid !== null && Math.abs(expected - o.paid) > 0.001) fail(`${c.pcn}: 2320 AMT*D ${o.paid} is not CLM02 ${c.total} less adjustments ${round(o.claimAdjustments + o.lineAdjustments)} (${expected})`)
    }
    out.claims.push(c)
  }
}
