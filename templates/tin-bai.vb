{#- Tin bài: the news item about one meeting (`h` as written, `m` derived, `s` its tin_bai
    entry), in the style of the seed article. It reports only what happened at that
    meeting. Photos with sau_doan = 1 follow the lead; the others follow the paragraph of
    results, never between a colon and the list it introduces. -#}
{%- set l = v.leadership -%}
{%- if s.tieu_de -%}{%- set title = s.tieu_de -%}
{%- elif m.reviews -%}{%- set title = r.khoi.ten ~ " tổng kết phong trào thi đua năm " ~ m.reviews -%}
{%- elif m.signs -%}{%- set title = r.khoi.ten ~ " ký kết giao ước thi đua năm " ~ m.signs -%}
{%- else -%}{%- set title = r.khoi.ten ~ " tổ chức Hội nghị " ~ h.noi_dung -%}{%- endif -%}
{%- set later = false -%}
{%- for a in s.anh -%}{%- if a.sau_doan != 1 -%}{%- set_global later = true -%}{%- endif -%}{%- endfor -%}
{%- set said = h.dien_bien or m.awards or m.elects or m.states_leadership -%}
@meta
title: {{ title }}
author: {{ s.trang }}
subject: Tin bài về Hội nghị {{ h.noi_dung }}
date: {{ m.iso }}
@p site
{{ s.trang }}
@p news-title
{{ title | sentence }}
@p
{{ m.news_date }}, {% if h.dia_diem %}tại {{ h.dia_diem }}, {% endif %}{{ r.khoi.ten }} tổ chức Hội nghị {{ h.noi_dung }}.{% if h.thanh_phan %} Dự hội nghị có {{ h.thanh_phan }}.{% endif %}{% if m.chairs | length > 1 %} Hội nghị do {{ m.chairs_text }} đồng chủ trì.{% endif %}
{% for a in s.anh %}{% if a.sau_doan == 1 %}
@image path={{ a.tep }}
{{ a.chu_thich }}
{% endif %}{% endfor %}
{%- if said %}
@p
{% if h.dien_bien %}{{ h.dien_bien | join(sep=" ") }}{% endif -%}
{% if h.dien_bien and (m.awards or m.elects) %} {% endif -%}
{% if m.awards %}{% if m.unanimous %}Các thành viên thống nhất bầu chọn đề nghị{% else %}Hội nghị đã bình xét, đề nghị{% endif %} {% for g in m.awards %}{{ g.wording_short }}{% if m.reviews %} năm {{ m.reviews }}{% endif %} cho {{ g.units_text }}{% if not loop.last %}; {% endif %}{% endfor %}{% if m.elects %}; đồng thời {% if l.unanimous %}thống nhất {% endif %}bầu {{ l.head.name }} làm {{ v.group.head_long }}{% if l.deputy %} và {{ l.deputy.name }} làm {{ v.group.deputy_long }}{% endif %}{% if l.year %} năm {{ l.year }}{% endif %}{% endif %}.{% elif m.elects %}Hội nghị {% if l.unanimous %}thống nhất {% endif %}bầu {{ l.head.name }} làm {{ v.group.head_long }}{% if l.deputy %} và {{ l.deputy.name }} làm {{ v.group.deputy_long }}{% endif %}{% if l.year %} năm {{ l.year }}{% endif %}.{% endif -%}
{% if m.states_leadership %}{% if h.dien_bien or m.awards or m.elects %} {% endif %}{% include "_lanh-dao.vb" %}{% endif -%}
{% if m.signs and not later %} Hội nghị thống nhất ký kết giao ước thi đua năm {{ m.signs }}, với các nội dung:{% endif %}
{% endif %}
{%- for a in s.anh %}{% if a.sau_doan != 1 %}
@image path={{ a.tep }}
{{ a.chu_thich }}
{% endif %}{% endfor %}
{%- if m.signs and (later or not said) %}
@p
Hội nghị thống nhất ký kết giao ước thi đua năm {{ m.signs }}, với các nội dung:
{% endif %}
{%- if m.signs %}
@list number
{% for c in r.giao_uoc.noi_dung %}{{ c }}
{% endfor -%}
{% endif %}
{%- if s.tac_gia %}
@p byline
{{ s.tac_gia }}
{% endif %}
