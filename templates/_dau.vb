{#- The page-1 header, shared by the administrative documents. Set `d` (v.pledge,
    v.proposal or one of v.minutes) before including: its issuer, parents, number, date. -#}
@header
{% for p in d.parents %}parent: {{ p }}
{% endfor -%}
issuer: {{ d.issuer_caps }}
number: {{ d.number }}
place-date: {{ d.place_date }}
