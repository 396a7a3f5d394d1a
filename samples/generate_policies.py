"""Regenerates samples/policies.csv: a synthetic in-force of 3,000 policies over the five bases of bases.json, valued at
2012-12-31 (the statement year of the seed filing, whose AVR factors Reserves ships).

Gross premiums are the net level premium on an approximate (ultimate-only) version of the basis times a loading
between 0.85 and 1.60, so some policies carry deficiency reserves. Run from the repository root:
    python3 samples/generate_policies.py ../shared/tables
"""
import csv, datetime, random, re, sys

T = (sys.argv[1] if len(sys.argv) > 1 else '../shared/tables').rstrip('/') + '/'
random.seed(20251231)

def soa_ult(i):
    s = open(T + f'soa/t{i}.xml', encoding='utf-8-sig').read()
    return {int(a): float(b) for a, b in re.findall(r'<Y t="(\d+)">([^<]+)</Y>', s.split('<Table>')[-1])}

def csv_col(c):
    return {int(r['age']): float(r[c]) for r in csv.DictReader(open(T + 'csv/1958-cso.csv')) if r[c]}

ULT = {'58M': csv_col('cso-male-anb'), '58F': csv_col('cso-female-anb'), '80M': soa_ult(42), '80F': soa_ult(36),
       '01M': soa_ult(1136), '01F': soa_ult(1139)}

def nlp(q, x, n, m, i, endowment):
    v, A, a, p = 1 / (1 + i), 0.0, 0.0, 1.0
    lo, top = min(q), max(q)
    for k in range(n):
        qq = 1.0 if x + k == top else q[max(lo, x + k)]
        a += v ** k * p if k < m else 0
        A += v ** (k + 1) * p * qq
        p *= 1 - qq
    if endowment:
        A += v ** n * p
    return A / a

BASES = [('58CSO-400-CRVM', '58', 0.04, 1975, 1988), ('80CSO-550-CRVM', '80', 0.055, 1988, 1992),
         ('80CSO-500-CRVM', '80', 0.05, 1993, 2008), ('01CSO-400-CRVM', '01', 0.04, 2009, 2012),
         ('01CSO-350-NLP', '01', 0.035, 2009, 2012)]
VALUATION = datetime.date(2012, 12, 31)
rows, pid = [], 0
for basis, table, i, first, last in BASES:
    for _ in range(600):
        pid += 1
        sex = random.choice('MMMFF')
        year = random.randint(first, last)
        issue = datetime.date(year, random.randint(1, 12), random.randint(1, 28))
        duration = VALUATION.year - issue.year + 1
        q = ULT[table + sex]
        top = max(q)
        plan = random.choices(['WL', 'LP', 'TERM', 'END'], [4, 2, 3, 1])[0]
        x = random.randint(0, 65)
        premium_years, benefit_years = '', ''
        if plan == 'LP':
            premium_years = random.choice([10, 20])
        if plan in ('TERM', 'END'):
            benefit_years = random.choice([10, 20, 30]) if plan == 'TERM' else random.choice([20, 30, 40])
            while benefit_years < duration + 1:
                benefit_years += 10
            if x + benefit_years > top + 1:
                x = max(0, top + 1 - benefit_years - random.randint(0, 5))
        if x + duration > top:
            x = top - duration - 5
        risk_class = '' if table == '58' or x < 20 else random.choice(['', '', 'NS', 'NS', 'SM'])
        n = benefit_years if benefit_years != '' else top - x + 1
        m = premium_years if premium_years != '' else n
        face = random.choice([10000, 25000, 50000, 100000, 250000, 500000, 1000000])
        gross = round(nlp(q, x, n, m, i, plan == 'END') * face * random.choice([0.85, 0.95, 1.1, 1.25, 1.4, 1.6]), 2)
        rows.append(dict(policy_id=f'P{pid:06d}', plan=plan, issue_date=issue.isoformat(), issue_age=x, sex=sex,
                         risk_class=risk_class, face_amount=face, gross_premium=gross, premium_years=premium_years,
                         benefit_years=benefit_years, basis=basis))
with open('samples/policies.csv', 'w', newline='') as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator='\n')
    w.writeheader()
    w.writerows(rows)
print(len(rows), 'policies')
