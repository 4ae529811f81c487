@meta
title: Tờ trình đề nghị khen thưởng năm 2023
author: Khối thi đua các cơ quan Đảng tỉnh
subject: Đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh và Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm 2023
date: 2024-02-06
@header
parent: TỈNH ỦY KON TUM
issuer: KHỐI THI ĐUA CÁC CƠ QUAN ĐẢNG TỈNH
number: Số      -TTr/KTĐCQĐ
place-date: Kon Tum, ngày 06 tháng 02 năm 2024

@title TỜ TRÌNH
về việc đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh và Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm 2023
@to
- Ủy ban nhân dân tỉnh Kon Tum;
- Hội đồng Thi đua - Khen thưởng tỉnh.
@p
Căn cứ Luật Thi đua, khen thưởng ngày 15-6-2022;

Căn cứ Nghị định số 98/2023/NĐ-CP, ngày 31-12-2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;

Ngày 06-02-2024, tại Trường Chính trị tỉnh, Khối thi đua các cơ quan Đảng tỉnh tổ chức Hội nghị tổng kết phong trào thi đua năm 2023 và phát động, ký kết giao ước năm 2024, có 9/9 cơ quan thành viên tham dự. Hội nghị đã bình xét thi đua năm 2023; kết quả như sau:
@list dash
Trường Chính trị tỉnh (đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh): biểu quyết, đạt 9/9 phiếu đồng ý, tỷ lệ 100%;
Ban Tổ chức Tỉnh ủy (đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh): biểu quyết, đạt 9/9 phiếu đồng ý, tỷ lệ 100%;
Ban Nội chính Tỉnh ủy (đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh): biểu quyết, đạt 9/9 phiếu đồng ý, tỷ lệ 100%;
Văn phòng Tỉnh ủy (đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh): biểu quyết, đạt 9/9 phiếu đồng ý, tỷ lệ 100%.
@p
Căn cứ kết quả bình xét, Khối thi đua các cơ quan Đảng tỉnh kính đề nghị Ủy ban nhân dân tỉnh:
@list dash
Tặng Cờ thi đua của Ủy ban nhân dân tỉnh cho Trường Chính trị tỉnh, đã có thành tích xuất sắc, dẫn đầu phong trào thi đua Khối thi đua các cơ quan Đảng tỉnh năm 2023;
Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho Ban Tổ chức Tỉnh ủy, Ban Nội chính Tỉnh ủy và Văn phòng Tỉnh ủy, đã có thành tích xuất sắc trong phong trào thi đua của Khối thi đua các cơ quan Đảng tỉnh năm 2023.

@p
Tổng kinh phí khen thưởng dự kiến: 32.760.000 đồng (Ba mươi hai triệu bảy trăm sáu mươi nghìn đồng), theo mức lương cơ sở áp dụng ngày 01-8-2024.

@p
Hồ sơ kèm theo gồm: Biên bản Hội nghị tổng kết phong trào thi đua năm 2023 của Khối; Danh sách đề nghị khen thưởng; Báo cáo thành tích của các tập thể được đề nghị.

@p
Kính trình Ủy ban nhân dân tỉnh xem xét, quyết định./.
@closing
left label: Nơi nhận:
left item: - Như trên;
left item: - Ban Thi đua - Khen thưởng tỉnh;
left item: - Các cơ quan thành viên Khối;
left item: - Lưu VT, KTĐCQĐ.
right id: nguoi-ky
right seal: co-quan
right role: T/M KHỐI THI ĐUA CÁC CƠ QUAN ĐẢNG TỈNH
right role: TRƯỞNG KHỐI
right name: 
@annex
@p annex-title
DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG
@p caption
(Kèm theo Tờ trình số      -TTr/KTĐCQĐ ngày 06-02-2024 của Khối thi đua các cơ quan Đảng tỉnh)
@table widths=9,31,22,12,10,16 header=1 align=c,l,l,c,c,r
STT | Tên tập thể | Hình thức khen thưởng | Số phiếu đồng ý | Tỷ lệ | Tiền thưởng dự kiến (đồng)
1 | Trường Chính trị tỉnh | Cờ thi đua của Ủy ban nhân dân tỉnh | 9/9 | 100% | 18.720.000
2 | Ban Tổ chức Tỉnh ủy | Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh | 9/9 | 100% | 4.680.000
3 | Ban Nội chính Tỉnh ủy | Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh | 9/9 | 100% | 4.680.000
4 | Văn phòng Tỉnh ủy | Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh | 9/9 | 100% | 4.680.000
| **Tổng cộng** |  |  |  | **32.760.000**

