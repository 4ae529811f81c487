{#- Tin bài: the news item for the agency's website, in the style of the seed article.
    Photos with sau_doan = 1 follow the lead; the others follow the second paragraph. -#}
{%- set t = r.tin_bai -%}
{%- set h = r.hoi_nghi -%}
{%- if t.tieu_de -%}{%- set title = t.tieu_de -%}
{%- else -%}{%- set title = r.khoi.ten ~ " tổng kết phong trào thi đua năm " ~ h.nam_tong_ket -%}{%- endif -%}
@meta
title: {{ title }}
author: {{ t.trang }}
subject: Tin bài về Hội nghị {{ h.noi_dung }}
date: {{ h.ngay }}
@p site
{{ t.trang }}
@p news-title
{{ title | sentence }}
@p
{{ v.news_date }}, tại {{ h.dia_diem }}, {{ r.khoi.ten }} tổ chức Hội nghị {{ h.noi_dung }}.{% if h.thanh_phan %} Dự hội nghị có {{ h.thanh_phan }}.{% endif %}
{% for a in t.anh %}{% if a.sau_doan == 1 %}
@image path={{ a.tep }}
{{ a.chu_thich }}
{% endif %}{% endfor %}
@p
{{ h.dien_bien | join(sep=" ") }}{% if v.awards %} {% if v.unanimous %}Các thành viên thống nhất bầu chọn đề nghị{% else %}Hội nghị đã bình xét, đề nghị{% endif %} UBND tỉnh {% for g in v.awards %}{% if g.form == "co-thi-dua" %}tặng Cờ thi đua năm {{ h.nam_tong_ket }} đối với {{ g.units_text }}{% else %}{{ g.wording | replace(from="Chủ tịch Ủy ban nhân dân tỉnh", to="UBND tỉnh") }} cho {{ g.units_text }}{% endif %}{% if not loop.last %}; {% endif %}{% endfor %}{% endif %}{% if v.head %}; đồng thời thống nhất bầu {{ v.head.name }} làm Trưởng khối thi đua{% if v.deputy %} và {{ v.deputy.name }} làm Phó khối thi đua{% endif %} năm {{ r.bau_khoi.nam }}{% endif %}.{% if r.giao_uoc %} Hội nghị thống nhất ký kết giao ước thi đua năm {{ r.giao_uoc.nam }}, với các nội dung:{% endif %}
{% for a in t.anh %}{% if a.sau_doan != 1 %}
@image path={{ a.tep }}
{{ a.chu_thich }}
{% endif %}{% endfor %}
{%- if r.giao_uoc %}
@list number
{% for c in r.giao_uoc.noi_dung %}{{ c }}
{% endfor -%}
{% endif %}
{%- if t.tac_gia %}
@p byline
{{ t.tac_gia }}
{% endif %}
