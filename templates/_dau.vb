{#- The page-1 header, shared by the administrative documents. Set `d` (a v.pledge,
    v.proposal or v.minutes) before including. -#}
@header
parent: {{ v.parent_caps }}
issuer: {{ v.block_caps }}
number: {{ d.number }}
place-date: {{ d.place_date }}
