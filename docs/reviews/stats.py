"""Figures and 95% article-bootstrap intervals of an attribution review (06b onwards).

Run it from a review's folder: ``python ../stats.py`` reads ``judged.csv``, ``misses.csv`` and
``doc_ids.txt`` there and writes ``stats.json``. Adapted from ``attribution-2026-12-06/stats.py``:
same resampling (numpy default_rng(0), 1,000 resamples of whole articles, rates as ratios of
sums), plus affiliation precision, the blank-affiliation share and the error-category counts.
Reviews 06b to 06e each shipped a copy of this script, identical but for its docstring.
"""
import pandas as pd, numpy as np, json
j=pd.read_csv('judged.csv',keep_default_na=False,dtype=str)
m=pd.read_csv('misses.csv',keep_default_na=False,dtype=str)
docs=open('doc_ids.txt').read().split()
rng=np.random.default_rng(0); B=1000
samples=[rng.integers(0,len(docs),len(docs)) for _ in range(B)]
def metric(mask_den, mask_num):
    # per-article counts
    den=j[mask_den].groupby('doc_id').size().reindex(docs,fill_value=0).values
    num=j[mask_den & mask_num].groupby('doc_id').size().reindex(docs,fill_value=0).values
    est=num.sum()/den.sum()
    bs=[num[s].sum()/den[s].sum() for s in samples if den[s].sum()>0]
    lo,hi=np.percentile(bs,[2.5,97.5])
    return dict(num=int(num.sum()),den=int(den.sum()),est=round(float(est),3),lo=round(float(lo),3),hi=round(float(hi),3))
real=j.is_speech=='1'
out={}
out['precision']=metric(j.is_speech.isin(['0','1']), real)
out['span_ok_all_rows']=metric(j.span_ok.isin(['0','1']), j.span_ok=='1')
for f in ['span_ok','kind_ok','speaker_ok','source_kind_ok','aff_strict_ok','aff_lenient_ok','verb_ok','all_ok_lenient']:
    out[f+'|real']=metric(real & j[f].isin(['0','1']), j[f]=='1')
for k in ['direct','partial','indirect']:
    K=j.kind==k
    out[f'precision|{k}']=metric(K & j.is_speech.isin(['0','1']), real)
    out[f'speaker_ok|real|{k}']=metric(K & real & j.speaker_ok.isin(['0','1']), j.speaker_ok=='1')
# affiliation: precision of filled-in values, and how often it is left blank
filled=j.affiliation!=''
out['aff_precision_strict|real,filled']=metric(real & filled & j.aff_strict_ok.isin(['0','1']), j.aff_strict_ok=='1')
out['aff_precision_lenient|real,filled']=metric(real & filled & j.aff_lenient_ok.isin(['0','1']), j.aff_lenient_ok=='1')
out['aff_blank_share|real']=metric(real, ~filled)
out['aff_blank_but_side_required|real,blank']=metric(real & ~filled & j.aff_strict_ok.isin(['0','1']), j.aff_strict_ok=='0')
# misses
mc=m.groupby('doc_id').size().reindex(docs,fill_value=0).values
mi=m[m.kind=='indirect'].groupby('doc_id').size().reindex(docs,fill_value=0).values
out['misses']=dict(n=int(mc.sum()),lo=int(np.percentile([mc[s].sum() for s in samples],2.5)),hi=int(np.percentile([mc[s].sum() for s in samples],97.5)))
out['misses_indirect']=dict(n=int(mi.sum()),lo=int(np.percentile([mi[s].sum() for s in samples],2.5)),hi=int(np.percentile([mi[s].sum() for s in samples],97.5)))
# recall proxy: real rows / (real rows + misses)
rr=j[real].groupby('doc_id').size().reindex(docs,fill_value=0).values
bs=[rr[s].sum()/(rr[s].sum()+mc[s].sum()) for s in samples]
out['recall_proxy']=dict(est=round(float(rr.sum()/(rr.sum()+mc.sum())),3),lo=round(float(np.percentile(bs,2.5)),3),hi=round(float(np.percentile(bs,97.5)),3))
ri=j[real&(j.kind=='indirect')].groupby('doc_id').size().reindex(docs,fill_value=0).values
bs=[ri[s].sum()/(ri[s].sum()+mi[s].sum()) for s in samples]
out['recall_proxy_indirect']=dict(est=round(float(ri.sum()/(ri.sum()+mi.sum())),3),lo=round(float(np.percentile(bs,2.5)),3),hi=round(float(np.percentile(bs,97.5)),3))
for k,v in out.items(): print(k,v)
# error categories
cats=j.error_categories.str.split(';').explode(); cats=cats[cats!='']
catrows=cats.value_counts()
print(catrows)
arts=j.assign(cat=j.error_categories.str.split(';')).explode('cat'); arts=arts[arts.cat!='']
catarts=arts.groupby('cat').doc_id.nunique().sort_values(ascending=False)
print(catarts)
out['error_categories_rows']={k:int(v) for k,v in catrows.items()}
out['error_categories_articles']={k:int(v) for k,v in catarts.items()}
out['misses_by_category']={k:int(v) for k,v in m.category.value_counts().items()}
# unsure counts
out['unsure']={}
for f in ['is_speech','speaker_ok','source_kind_ok','aff_strict_ok','verb_ok']:
    out['unsure'][f]=int((j[f]=='unsure').sum()); print(f,(j[f]=='unsure').sum())
json.dump(out,open('stats.json','w'),indent=1)
