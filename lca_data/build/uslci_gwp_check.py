"""Quick check: cradle-to-gate IPCC AR6 GWP100 (CO2, CH4, N2O, CF4, C2F6, SF6 only) of USLCI activities whose name matches a regex.

Usage: .venv/bin/python lca_data/build/uslci_gwp_check.py REGEX
"""
import csv, numpy as np, scipy.sparse as sp, scipy.sparse.linalg as sla, sys, re
from greendesign.inventory.flow_linking import BiosphereIndex
bio={f.code:f for f in BiosphereIndex.from_bw2io().flows}
acts=list(csv.DictReader(open('lca_data/uslci/activities.csv')))
idx={a['id']:i for i,a in enumerate(acts)}
n=len(acts)
rows=[];cols=[];vals=[]
gw={'Carbon dioxide, fossil':1,'Methane, fossil':29.8,'Dinitrogen monoxide':273,'Methane, non-fossil':27.0,'Methane, tetrafluoro-, R-14':7380,'Ethane, hexafluoro-, HFC-116':12400,'Sulfur hexafluoride':25200}
g=np.zeros(n)
for i in range(n): rows.append(i);cols.append(i);vals.append(1.0)
for r in csv.DictReader(open('lca_data/uslci/exchanges.csv')):
    j=idx[r['activity']]; a=float(r['amount'])
    if r['kind']=='technosphere': rows.append(idx[r['input']]);cols.append(j);vals.append(-a)
    else:
        f=bio[r['input']]
        if f.categories[0]=='air': g[j]+=gw.get(f.name,0)*a
A=sp.csc_matrix((vals,(rows,cols)),shape=(n,n))
x=sla.spsolve(A.T.tocsc(), g)
pat=re.compile(sys.argv[1] if len(sys.argv)>1 else '.')
for a in acts:
    if pat.search(a['name']):
        print(f"{x[idx[a['id']]]:10.4f} kgCO2e/{a['unit']:5s} {a['name'][:90]}")
