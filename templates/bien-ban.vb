{#- Biên bản: the minutes of one meeting (`h` as written, `m` derived, `s` its bien_ban
    entry), in the order of Nghị định 30's form 1.9. Only what happened at this meeting is
    reported; sections are numbered as they appear; a name not in the record is left as a
    dotted blank to be written by hand. -#}
{%- set roman = ["I", "II", "III", "IV", "V", "VI"] -%}
{%- set sec = 0 -%}
{%- set blank = "…………………" -%}
{%- set l = v.leadership -%}
@meta
title: Biên bản Hội nghị {{ h.noi_dung }}
author: {{ d.issuer }}
subject: Biên bản Hội nghị {{ h.noi_dung }}
date: {{ m.iso }}
{% include "_dau.vb" %}
@title BIÊN BẢN
Hội nghị {{ h.noi_dung }}
@p
Thời gian bắt đầu: {% if h.gio_bat_dau %}{{ h.gio_bat_dau | time_words }}, {% elif m.session %}buổi {{ m.session }} {% endif %}{{ m.iso | date_long }}.
{% if h.dia_diem %}
Địa điểm: {{ h.dia_diem }}.
{% endif %}
Thành phần tham dự: {% if h.thanh_phan %}{{ h.thanh_phan }}{% if m.attendance %}; {% endif %}{% endif %}{% if m.attendance %}có mặt {{ m.present }}/{{ v.total }} cơ quan thành viên{% if m.all_present %} (đủ các cơ quan thành viên){% endif %}{% endif %}{% if not h.thanh_phan and not m.attendance %}{{ blank }}{% endif %}.

Chủ trì: {% if h.chu_toa %}{% for c in h.chu_toa %}{% if c.ho_ten %}{{ c.ho_ten }}{% else %}{{ blank }}{% endif %}{% if c.chuc_vu %}, {{ c.chuc_vu }}{% endif %}{% if not loop.last %}; {% endif %}{% endfor %}{% elif m.chairs %}{{ blank }}, đại diện {{ m.chairs_text }}{% else %}{{ blank }}{% endif %}.

Thư ký: {% if h.thu_ky %}{% if h.thu_ky.ho_ten %}{{ h.thu_ky.ho_ten }}{% else %}{{ blank }}{% endif %}{% if h.thu_ky.chuc_vu %}, {{ h.thu_ky.chuc_vu }}{% endif %}{% else %}{{ blank }}{% endif %}.
{% if h.dien_bien %}{% set sec = sec + 1 %}
@heading 1
{{ roman[sec - 1] }}. NỘI DUNG HỘI NGHỊ
@p
{% for x in h.dien_bien %}{{ x }}

{% endfor -%}
{% endif %}
{%- if m.votes %}{% set sec = sec + 1 %}
@heading 1
{{ roman[sec - 1] }}. KẾT QUẢ BÌNH XÉT, ĐỀ NGHỊ KHEN THƯỞNG
@list number
{% for x in m.votes %}Đề nghị {{ x.wording }} cho {{ x.unit.name }}{% if x.counted %}: {% if x.method %}hình thức {{ x.method }}, {% endif %}{{ x.yes }}/{{ x.cast }} phiếu đồng ý, đạt tỷ lệ {{ x.percent }}{% elif x.method %} (hình thức {{ x.method }}){% endif %}.
{% endfor -%}
{% endif %}
{%- if m.elects %}{% set sec = sec + 1 %}
@heading 1
{{ roman[sec - 1] }}. BẦU {{ v.group.head | upper_vi }}{% if l.deputy %}, {{ v.group.deputy | upper_vi }}{% endif %}{% if l.year %} NĂM {{ l.year }}{% endif %}
@p
Hội nghị {% if l.unanimous %}thống nhất {% endif %}bầu {{ l.head.name }} làm {{ v.group.head_long }}{% if l.deputy %} và {{ l.deputy.name }} làm {{ v.group.deputy_long }}{% endif %}{% if l.year %} năm {{ l.year }}{% endif %}.
{% elif m.states_leadership %}{% set sec = sec + 1 %}
@heading 1
{{ roman[sec - 1] }}. {{ v.group.head | upper_vi }}{% if l.deputy %}, {{ v.group.deputy | upper_vi }}{% endif %}{% if l.year %} NĂM {{ l.year }}{% endif %}
@p
{% include "_lanh-dao.vb" %}
{% endif %}
{%- if m.signs %}{% set sec = sec + 1 %}
@heading 1
{{ roman[sec - 1] }}. KÝ KẾT GIAO ƯỚC THI ĐUA NĂM {{ m.signs }}
@p
Các cơ quan thành viên thống nhất ký kết giao ước thi đua năm {{ m.signs }} gồm {{ r.giao_uoc.noi_dung | length }} nội dung.
{% endif %}
@p
Hội nghị kết thúc {% if h.gio_ket_thuc %}vào lúc {{ h.gio_ket_thuc | time_words }} {% endif %}cùng ngày.{% if h.bien_ban_thong_qua %} Biên bản đã được đọc lại trước Hội nghị và các thành viên dự họp nhất trí thông qua.{% endif %}/.
@closing
left id: thu-ky
left role: THƯ KÝ
left name: {% if h.thu_ky %}{{ h.thu_ky.ho_ten }}{% endif %}
right id: chu-tri
right role: CHỦ TRÌ
right name: {% if h.chu_toa %}{{ h.chu_toa[0].ho_ten }}{% endif %}
{% if s.noi_nhan %}
@closing
left label: Nơi nhận:
{% for n in s.noi_nhan %}left item: - {{ n }};
{% endfor -%}
left item: - {{ v.profile.archive }} VT, {{ d.abbr }}.
{% endif %}
