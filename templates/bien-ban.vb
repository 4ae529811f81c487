{#- Biên bản: the minutes of the meeting, in the order of Nghị định 30's form 1.9.
    Sections are numbered as they appear; a name not in the record is left as a dotted
    blank to be written by hand. -#}
{%- set b = r.bien_ban -%}
{%- set h = r.hoi_nghi -%}
{%- set d = v.minutes -%}
{%- set roman = ["I", "II", "III", "IV", "V", "VI"] -%}
{%- set sec = 0 -%}
{%- set blank = "…………………" -%}
@meta
title: Biên bản Hội nghị {{ h.noi_dung }}
author: {{ r.khoi.ten }}
subject: Biên bản Hội nghị {{ h.noi_dung }}
date: {{ h.ngay }}
{% include "_dau.vb" %}
@title BIÊN BẢN
Hội nghị {{ h.noi_dung }}
@p
Thời gian bắt đầu: {% if h.gio_bat_dau %}{{ h.gio_bat_dau | time_words }}, {% endif %}{{ h.ngay | date_long }}.

Địa điểm: {{ h.dia_diem }}.

Thành phần tham dự: {% if h.thanh_phan %}{{ h.thanh_phan }}; {% endif %}có mặt {{ v.present }}/{{ v.total }} cơ quan thành viên{% if v.all_present %} (đủ các cơ quan thành viên){% endif %}.

Chủ trì: {% if h.chu_toa %}{% if h.chu_toa.ho_ten %}{{ h.chu_toa.ho_ten }}{% else %}{{ blank }}{% endif %}{% if h.chu_toa.chuc_vu %}, {{ h.chu_toa.chuc_vu }}{% endif %}{% elif v.chair %}{{ blank }}, đại diện {{ v.chair.name }}{% else %}{{ blank }}{% endif %}.

Thư ký: {% if h.thu_ky %}{% if h.thu_ky.ho_ten %}{{ h.thu_ky.ho_ten }}{% else %}{{ blank }}{% endif %}{% if h.thu_ky.chuc_vu %}, {{ h.thu_ky.chuc_vu }}{% endif %}{% else %}{{ blank }}{% endif %}.
{% if h.dien_bien %}{% set sec = sec + 1 %}
@heading 1
{{ roman[sec - 1] }}. NỘI DUNG HỘI NGHỊ
@p
{% for x in h.dien_bien %}{{ x }}

{% endfor -%}
{% endif %}
{%- if v.votes %}{% set sec = sec + 1 %}
@heading 1
{{ roman[sec - 1] }}. KẾT QUẢ BÌNH XÉT, ĐỀ NGHỊ KHEN THƯỞNG
@list number
{% for x in v.votes %}Đề nghị {{ x.wording }} cho {{ x.unit.name }}: {% if x.method %}hình thức {{ x.method }}, {% endif %}{{ x.yes }}/{{ x.cast }} phiếu đồng ý, đạt tỷ lệ {{ x.percent }}.
{% endfor -%}
{% endif %}
{%- if v.head %}{% set sec = sec + 1 %}
@heading 1
{{ roman[sec - 1] }}. BẦU TRƯỞNG KHỐI, PHÓ KHỐI NĂM {{ r.bau_khoi.nam }}
@p
Hội nghị thống nhất bầu {{ v.head.name }} làm Trưởng khối{% if v.deputy %} và {{ v.deputy.name }} làm Phó khối{% endif %} thi đua năm {{ r.bau_khoi.nam }}.
{% endif %}
{%- if r.giao_uoc %}{% set sec = sec + 1 %}
@heading 1
{{ roman[sec - 1] }}. KÝ KẾT GIAO ƯỚC THI ĐUA NĂM {{ r.giao_uoc.nam }}
@p
Các cơ quan thành viên thống nhất ký kết giao ước thi đua năm {{ r.giao_uoc.nam }} gồm {{ r.giao_uoc.noi_dung | length }} nội dung.
{% endif %}
@p
Hội nghị kết thúc {% if h.gio_ket_thuc %}vào lúc {{ h.gio_ket_thuc | time_words }} {% endif %}cùng ngày. Biên bản đã được đọc lại trước Hội nghị và các thành viên dự họp nhất trí thông qua./.
@closing
left role: THƯ KÝ
left name: {% if h.thu_ky %}{{ h.thu_ky.ho_ten }}{% endif %}
right role: CHỦ TRÌ
right name: {% if h.chu_toa %}{{ h.chu_toa.ho_ten }}{% endif %}
{% if b.noi_nhan %}
@closing
left label: Nơi nhận:
{% for n in b.noi_nhan %}left item: - {{ n }};
{% endfor -%}
left item: - {{ v.profile.archive }} VT, {{ v.block_abbr }}.
{% endif %}
