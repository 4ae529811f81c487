{#- Bản giao ước thi đua: the pledge every member's head signs, dated and placed at the
    meeting where it was signed (`h`, `m`). Markup: docs/markup.md. -#}
{%- set g = r.giao_uoc -%}
@meta
title: Bản giao ước thi đua năm {{ g.nam }}
author: {{ r.khoi.ten }}
subject: Giao ước thi đua năm {{ g.nam }} của {{ r.khoi.ten }}
date: {{ d.iso }}
{% include "_dau.vb" %}
@title BẢN GIAO ƯỚC THI ĐUA
năm {{ g.nam }}
@p
{% for c in d.bases %}{{ c }}

{% endfor -%}
Hôm nay, {{ d.iso | date_long }}, {% if h.dia_diem %}tại {{ h.dia_diem }}, {% endif %}{{ v.total | number_words }} cơ quan thành viên {{ r.khoi.ten }} thống nhất ký kết giao ước thi đua năm {{ g.nam }} với các nội dung sau:
@heading 1
I. NỘI DUNG GIAO ƯỚC
@list number
{% for c in g.noi_dung %}{{ c }}
{% endfor -%}
{% if g.to_chuc_thuc_hien %}
@heading 1
II. TỔ CHỨC THỰC HIỆN
@list number
{% for c in g.to_chuc_thuc_hien %}{{ c }}
{% endfor -%}
{% endif %}
@p
Bản giao ước có hiệu lực kể từ ngày ký, được lập thành {{ v.total | pad2 }} bản, mỗi cơ quan thành viên giữ 01 bản./.
@p center
ĐẠI DIỆN CÁC CƠ QUAN KÝ GIAO ƯỚC
@grid {% if g.so_cot %}{{ g.so_cot }}{% else %}3{% endif %}
{% for s in v.signers -%}
id: {{ s.id }}
agency: {{ s.agency_caps }}
{% for role in s.roles %}role: {{ role }}
{% endfor -%}
name: {{ s.name }}

{% endfor -%}
