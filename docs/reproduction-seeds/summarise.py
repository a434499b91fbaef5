"""The three-seed table of docs/reproduction.md ("Three seeds"): seed 0 is docs/reproduction/ (cae reproduce),
seeds 1 and 2 are seed1/ and seed2/ (cae reproduce --seed S --methods random,pfa,cae,cae-linear --results DIR).
The deterministic baselines (variance, Laplacian, PFA, MCFS) are taken from seed 0. Run: python3 summarise.py"""
import os
HERE = os.path.dirname(os.path.abspath(__file__))
import csv, statistics, sys
dirs={0:HERE + '/../reproduction',1:HERE + '/seed1',2:HERE + '/seed2'}
ds=['mnist','fashion','coil20','mice','isolet','har']
names={'mnist':'MNIST (50)','fashion':'Fashion-MNIST (50)','coil20':'COIL-20 (50)','mice':'Mice Protein (10)','isolet':'ISOLET (50)','har':'HAR sample (50)'}
rows={}
for s,d in dirs.items():
    for k in ds:
        try:
            for r in csv.DictReader(open(f'{d}/{k}.csv')):
                rows.setdefault((k,r['method']),{})[s]=r
        except FileNotFoundError: pass
def ms(vals):
    if len(vals)==1: return f"{vals[0]:.5f}"
    return f"{statistics.mean(vals):.5f} ± {statistics.stdev(vals):.5f}"
print("| dataset (k) | cae | cae-linear | best CAE (mean) | best baseline (seed 0) | random | distinct (cae; cae-linear) | epochs (cae) | best CAE beats it in every seed? |")
print("|---|---|---|---|---|---|---|---|---|")
for k in ds:
    c=rows.get((k,'cae'),{}); l=rows.get((k,'cae-linear'),{}); p=rows.get((k,'pfa'),{}); rnd=rows.get((k,'random'),{})
    seeds=sorted(set(c)&set(l))
    cv=[float(c[s]['linear_mse']) for s in seeds]; lv=[float(l[s]['linear_mse']) for s in seeds]
    base=[(float(rows[(k,m)][0]['linear_mse']),m) for m in ('random','variance','laplacian','pfa','mcfs') if (k,m) in rows and 0 in rows[(k,m)]]
    pv,bm=min(base)
    rv=[float(rnd[s]['linear_mse']) for s in sorted(rnd)]
    best=min(statistics.mean(cv),statistics.mean(lv)); which='cae' if statistics.mean(cv)<=statistics.mean(lv) else 'cae-linear'
    bv=cv if which=='cae' else lv
    dist='; '.join(','.join(c[s]['distinct'] for s in seeds) for c in (c,l))
    import re
    ep=','.join(re.search(r'(\d+) epoch',c[s]['note']).group(1)+('' if 'try 1' in c[s]['note'] else '*') for s in seeds)
    beats='yes' if all(v<pv for v in bv) else 'no'
    print(f"| {names[k]} | {ms(cv)} | {ms(lv)} | {which} {best:.5f} | {bm} {pv:.5f} | {ms(rv)} | {dist} | {ep} | {beats} ({len(seeds)} seeds) |")
