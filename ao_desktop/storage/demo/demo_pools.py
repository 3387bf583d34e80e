"""Word pools for the demo database and the RowBuilder that combines them into rows.

`demo_data.py` writes the rows; this module knows what a realistic client looks like.
Regions are real provinces, cities, kecamatan and kelurahan with their postal codes; the
province code and the regency/city code are the Kemendagri codes a NIK starts with, the
district codes are plausible two-digit numbers. Faker's `id_ID` word lists (read once,
never called per row) add the long tail of names and streets.
"""

from __future__ import annotations

import bisect
import random
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from faker.providers.address.id_ID import Provider as FakerAddress
from faker.providers.person.id_ID import Provider as FakerPerson

from ao_desktop.domain.clients.names import name_search_key

# Province header, then per city "code | name | landline area code | weight", then its
# kecamatan "district code name: kelurahan postal, ...". Weights follow where branches
# and their clients mostly are: Java first.
_REGIONS = """
11 Aceh
 1171 | Kota Banda Aceh | 651 | 2
  01 Baiturrahman: Peuniti 23241, Neusu Jaya 23243
  05 Syiah Kuala: Kopelma Darussalam 23111, Lamgugob 23115
12 Sumatera Utara
 1275 | Kota Medan | 61 | 12
  01 Medan Baru: Petisah Hulu 20153, Darat 20153, Babura 20153
  04 Medan Johor: Gedung Johor 20144, Kedai Durian 20146
  09 Medan Helvetia: Helvetia 20124, Dwikora 20123
  14 Medan Kota: Teladan Barat 20217, Pusat Pasar 20212
 1207 | Kabupaten Deli Serdang | 61 | 5
  01 Lubuk Pakam: Lubuk Pakam Pekan 20511, Cemara 20512
  18 Percut Sei Tuan: Bandar Klippa 20371, Tembung 20371
 1272 | Kota Pematangsiantar | 622 | 2
  03 Siantar Utara: Bane 21142, Sukadame 21141
13 Sumatera Barat
 1371 | Kota Padang | 751 | 5
  01 Padang Barat: Belakang Tangsi 25118, Olo 25117
  04 Padang Utara: Air Tawar Barat 25132, Gunung Pangilun 25137
  07 Kuranji: Kalumbuk 25154, Korong Gadang 25157
 1375 | Kota Bukittinggi | 752 | 1
  01 Guguk Panjang: Benteng Pasar Atas 26111, Aur Tajungkang Tengah Sawah 26113
14 Riau
 1471 | Kota Pekanbaru | 761 | 6
  02 Sukajadi: Kampung Melayu 28122, Jadirejo 28121
  08 Tampan: Simpang Baru 28293, Tuah Karya 28293
  10 Marpoyan Damai: Tangkerang Tengah 28282, Maharatu 28284
15 Jambi
 1571 | Kota Jambi | 741 | 2
  03 Telanaipura: Telanaipura 36122, Pematang Sulur 36124
  04 Jambi Selatan: Pakuan Baru 36132, Tambak Sari 36138
16 Sumatera Selatan
 1671 | Kota Palembang | 711 | 7
  04 Ilir Timur I: Sungai Pangeran 30127, Sekip Jaya 30126
  05 Ilir Barat I: Lorok Pakjo 30137, Bukit Lama 30139
  08 Seberang Ulu I: Silaberanti 30252, Tuan Kentang 30258
17 Bengkulu
 1771 | Kota Bengkulu | 736 | 1
  03 Gading Cempaka: Jalan Gedang 38225, Cempaka Permai 38221
  05 Ratu Agung: Kebun Tebeng 38223, Nusa Indah 38224
18 Lampung
 1871 | Kota Bandar Lampung | 721 | 5
  01 Tanjung Karang Pusat: Durian Payung 35116, Kaliawi 35112
  05 Kedaton: Kedaton 35141, Sidodadi 35142
  07 Rajabasa: Rajabasa 35144, Gedong Meneng 35145
19 Kepulauan Bangka Belitung
 1971 | Kota Pangkalpinang | 717 | 1
  02 Taman Sari: Rawabangun 33121, Batin Tikal 33123
  04 Gerunggang: Kacang Pedang 33125, Bukit Merapin 33123
21 Kepulauan Riau
 2171 | Kota Batam | 778 | 5
  01 Batam Kota: Belian 29464, Taman Baloi 29463, Baloi Permai 29463
  02 Lubuk Baja: Lubuk Baja Kota 29432, Batu Selicin 29444
  06 Sekupang: Tiban Indah 29427, Sungai Harapan 29422
31 DKI Jakarta
 3171 | Jakarta Selatan | 21 | 20
  01 Jagakarsa: Srengseng Sawah 12640, Lenteng Agung 12610, Ciganjur 12630
  02 Pasar Minggu: Pejaten Barat 12510, Jati Padang 12540, Ragunan 12550
  06 Kebayoran Baru: Senayan 12190, Gandaria Utara 12140, Kramat Pela 12130, Melawai 12160
  09 Tebet: Tebet Barat 12810, Tebet Timur 12820, Manggarai 12850, Bukit Duri 12840
 3172 | Jakarta Timur | 21 | 22
  01 Pasar Rebo: Kalisari 13790, Gedong 13760
  04 Duren Sawit: Pondok Bambu 13430, Klender 13470, Duren Sawit 13440
  06 Cakung: Cakung Barat 13910, Pulo Gebang 13950, Penggilingan 13940
  10 Jatinegara: Cipinang Besar Utara 13410, Rawa Bunga 13350, Bidara Cina 13330
 3173 | Jakarta Pusat | 21 | 8
  01 Tanah Abang: Bendungan Hilir 10210, Kebon Melati 10230, Petamburan 10260
  02 Menteng: Menteng 10310, Gondangdia 10350, Cikini 10330
  07 Kemayoran: Kemayoran 10620, Harapan Mulya 10640
 3174 | Jakarta Barat | 21 | 18
  01 Cengkareng: Cengkareng Barat 11730, Kapuk 11720, Duri Kosambi 11750
  04 Kebon Jeruk: Kebon Jeruk 11530, Duri Kepa 11510, Sukabumi Utara 11540
  07 Tambora: Jembatan Lima 11250, Angke 11330
  08 Palmerah: Palmerah 11480, Slipi 11410, Kemanggisan 11480
 3175 | Jakarta Utara | 21 | 12
  01 Penjaringan: Pluit 14450, Penjaringan 14440, Kapuk Muara 14460
  03 Tanjung Priok: Sunter Agung 14350, Papanggo 14340, Warakas 14370
  06 Kelapa Gading: Kelapa Gading Barat 14240, Pegangsaan Dua 14250
32 Jawa Barat
 3201 | Kabupaten Bogor | 21 | 14
  01 Cibinong: Pakansari 16915, Nanggewer 16912, Pabuaran 16916
  22 Citeureup: Puspanegara 16810, Citeureup 16810
 3271 | Kota Bogor | 251 | 7
  01 Bogor Selatan: Batutulis 16133, Empang 16132
  03 Bogor Tengah: Paledang 16122, Pabaton 16121, Babakan 16128
  06 Tanah Sareal: Kedung Badak 16164, Kebon Pedes 16162
 3273 | Kota Bandung | 22 | 18
  01 Sukasari: Gegerkalong 40153, Isola 40154, Sarijadi 40151
  05 Coblong: Dago 40135, Lebak Siliwangi 40132, Sekeloa 40134
  14 Buahbatu: Margasari 40286, Cijaura 40287, Jatisari 40286
  20 Antapani: Antapani Kidul 40291, Antapani Tengah 40291
 3274 | Kota Cirebon | 231 | 3
  01 Kejaksan: Kebonbaru 45121, Sukapura 45122
  05 Harjamukti: Kalijaga 45144, Argasunya 45145
 3275 | Kota Bekasi | 21 | 16
  01 Bekasi Timur: Margahayu 17113, Aren Jaya 17111, Duren Jaya 17111
  04 Bekasi Selatan: Kayuringin Jaya 17144, Margajaya 17141
  08 Jatiasih: Jatiasih 17423, Jatikramat 17421
 3276 | Kota Depok | 21 | 12
  01 Pancoran Mas: Depok 16431, Rangkapan Jaya 16435, Mampang 16433
  03 Sukmajaya: Mekarsari 16411, Abadijaya 16417
  05 Beji: Beji 16421, Kemiri Muka 16423, Kukusan 16425
 3278 | Kota Tasikmalaya | 265 | 3
  01 Cihideung: Tuguraja 46126, Yudanagara 46121
  03 Tawang: Kahuripan 46115, Lengkongsari 46111
33 Jawa Tengah
 3302 | Kabupaten Banyumas | 281 | 4
  24 Purwokerto Utara: Grendeng 53122, Bobosan 53127
  21 Purwokerto Selatan: Berkoh 53146, Teluk 53145
 3371 | Kota Magelang | 293 | 2
  03 Magelang Tengah: Kemirirejo 56122, Cacaban 56121
 3372 | Kota Surakarta | 271 | 6
  01 Laweyan: Laweyan 57148, Sondakan 57147, Pajang 57146
  03 Pasar Kliwon: Baluwarti 57144, Kauman 57112
  05 Banjarsari: Manahan 57139, Gilingan 57134, Banyuanyar 57137
 3374 | Kota Semarang | 24 | 14
  01 Semarang Tengah: Sekayu 50132, Pandansari 50137, Kembangsari 50133
  08 Banyumanik: Srondol Kulon 50263, Pedalangan 50268, Banyumanik 50264
  11 Tembalang: Tembalang 50275, Bulusan 50277, Sendangmulyo 50272
34 DI Yogyakarta
 3402 | Kabupaten Bantul | 274 | 4
  12 Kasihan: Tamantirto 55183, Ngestiharjo 55182
  13 Sewon: Panggungharjo 55188, Bangunharjo 55187
 3404 | Kabupaten Sleman | 274 | 6
  07 Depok: Caturtunggal 55281, Condongcatur 55283, Maguwoharjo 55282
  09 Mlati: Sinduadi 55284, Sendangadi 55285
  13 Ngaglik: Sardonoharjo 55581, Sinduharjo 55581
 3471 | Kota Yogyakarta | 274 | 5
  04 Umbulharjo: Warungboto 55164, Giwangan 55163, Semaki 55166
  06 Mergangsan: Wirogunan 55151, Keparakan 55152
  09 Gondokusuman: Terban 55223, Kotabaru 55224, Baciro 55225
35 Jawa Timur
 3509 | Kabupaten Jember | 331 | 4
  10 Kaliwates: Kaliwates 68131, Sempusari 68131
  11 Sumbersari: Sumbersari 68121, Kranjingan 68126
 3515 | Kabupaten Sidoarjo | 31 | 8
  01 Sidoarjo: Sidokare 61214, Lemahputro 61213, Magersari 61212
  16 Waru: Wadungasri 61256, Kepuh Kiriman 61256
  17 Taman: Sepanjang 61257, Bebekan 61257
 3525 | Kabupaten Gresik | 31 | 4
  17 Gresik: Sidokumpul 61111, Kroman 61113
  18 Kebomas: Randuagung 61121, Gending 61124
 3573 | Kota Malang | 341 | 8
  01 Klojen: Kauman 65119, Oro-oro Dowo 65119, Samaan 65112
  03 Blimbing: Purwodadi 65125, Blimbing 65126
  05 Lowokwaru: Dinoyo 65144, Ketawanggede 65145, Tlogomas 65144
 3578 | Kota Surabaya | 31 | 20
  05 Gubeng: Airlangga 60286, Gubeng 60281, Mojo 60285
  07 Wonokromo: Darmo 60241, Ngagelrejo 60245, Jagir 60244
  09 Rungkut: Kalirungkut 60293, Rungkut Kidul 60293, Medokan Ayu 60295
  15 Tandes: Balongsari 60186, Manukan Kulon 60185
36 Banten
 3671 | Kota Tangerang | 21 | 12
  01 Tangerang: Babakan 15118, Sukarasa 15111, Cikokol 15117
  03 Ciledug: Sudimara Barat 15151, Tajur 15152
  09 Karawaci: Bojong Jaya 15115, Nusa Jaya 15116
 3673 | Kota Serang | 254 | 3
  01 Serang: Cipare 42117, Sumurpecung 42118
  02 Cipocok Jaya: Banjarsari 42121, Cipocok Jaya 42121
 3674 | Kota Tangerang Selatan | 21 | 12
  01 Serpong: Cilenggang 15310, Lengkong Gudang 15321, Rawa Mekar Jaya 15310
  04 Ciputat: Cipayung 15411, Serua 15414
  06 Pamulang: Pamulang Barat 15417, Benda Baru 15418, Pondok Benda 15416
51 Bali
 5103 | Kabupaten Badung | 361 | 4
  01 Kuta Selatan: Jimbaran 80364, Benoa 80363
  02 Kuta: Kuta 80361, Legian 80361, Seminyak 80361
  04 Mengwi: Mengwi 80351, Kapal 80351
 5104 | Kabupaten Gianyar | 361 | 2
  07 Ubud: Ubud 80571, Peliatan 80571
 5171 | Kota Denpasar | 361 | 6
  01 Denpasar Selatan: Sanur 80227, Panjer 80225, Sesetan 80223
  02 Denpasar Timur: Sumerta 80236, Kesiman 80237
  03 Denpasar Barat: Dauh Puri 80113, Padangsambian 80117, Pemecutan 80119
52 Nusa Tenggara Barat
 5271 | Kota Mataram | 370 | 3
  01 Ampenan: Ampenan Selatan 83114, Ampenan Tengah 83112
  03 Mataram: Pagesangan 83127, Pagutan 83117
  04 Cakranegara: Cakranegara Barat 83239, Sweta 83236
53 Nusa Tenggara Timur
 5371 | Kota Kupang | 380 | 2
  04 Oebobo: Oebobo 85111, Oetete 85112, Fatululi 85111
  05 Kelapa Lima: Oesapa 85228, Kelapa Lima 85228
61 Kalimantan Barat
 6171 | Kota Pontianak | 561 | 4
  01 Pontianak Selatan: Benua Melayu Darat 78122, Akcaya 78121
  03 Pontianak Barat: Sungai Jawi Dalam 78113, Pal Lima 78114
  05 Pontianak Kota: Sungai Bangkong 78113, Darat Sekip 78117
62 Kalimantan Tengah
 6271 | Kota Palangka Raya | 536 | 2
  01 Pahandut: Pahandut 73111, Langkai 73111
  02 Jekan Raya: Palangka 73112, Menteng 73111, Bukit Tunggal 73112
63 Kalimantan Selatan
 6371 | Kota Banjarmasin | 511 | 4
  01 Banjarmasin Selatan: Kelayan Selatan 70233, Pekauman 70243
  03 Banjarmasin Tengah: Kertak Baru Ilir 70111, Pasar Lama 70111, Antasan Besar 70114
  05 Banjarmasin Utara: Sungai Miai 70123, Kuin Utara 70127
 6372 | Kota Banjarbaru | 511 | 1
  02 Banjarbaru Utara: Loktabat Utara 70712, Komet 70714
64 Kalimantan Timur
 6471 | Kota Balikpapan | 542 | 4
  01 Balikpapan Selatan: Sepinggan 76115, Gunung Bahagia 76114
  03 Balikpapan Utara: Batu Ampar 76136, Gunung Samarinda 76125
  05 Balikpapan Kota: Klandasan Ilir 76113, Prapatan 76111
 6472 | Kota Samarinda | 541 | 4
  01 Samarinda Ulu: Air Hitam 75124, Sidodadi 75123
  02 Samarinda Ilir: Sungai Dama 75115, Pelita 75117
  05 Sungai Kunjang: Loa Bakung 75126, Karang Asam Ulu 75126
65 Kalimantan Utara
 6571 | Kota Tarakan | 551 | 1
  01 Tarakan Barat: Karang Anyar 77111, Karang Balik 77111
  02 Tarakan Tengah: Selumit 77113, Sebengkok 77113
71 Sulawesi Utara
 7171 | Kota Manado | 431 | 4
  01 Malalayang: Malalayang Satu 95115, Bahu 95115
  04 Wanea: Ranotana 95117, Karombasan Utara 95117
  05 Wenang: Wenang Selatan 95111, Komo Luar 95113
72 Sulawesi Tengah
 7271 | Kota Palu | 451 | 2
  01 Palu Barat: Lere 94111, Ujuna 94111
  02 Palu Timur: Besusu Barat 94111, Lolu Utara 94111
  07 Mantikulore: Talise 94118, Tondo 94119
73 Sulawesi Selatan
 7306 | Kabupaten Gowa | 411 | 3
  08 Somba Opu: Sungguminasa 92111, Batangkaluku 92111
  11 Pallangga: Pallangga 92161, Bontoala 92161
 7371 | Kota Makassar | 411 | 12
  06 Tamalate: Mangasa 90221, Jongaya 90223, Parang Tambung 90224
  07 Rappocini: Gunung Sari 90221, Banta-Bantaeng 90222, Tidung 90222
  09 Panakkukang: Pandang 90231, Masale 90231, Karampuang 90231
  14 Biringkanaya: Sudiang 90242, Daya 90241
74 Sulawesi Tenggara
 7471 | Kota Kendari | 401 | 2
  02 Mandonga: Mandonga 93112, Korumba 93111
  06 Kadia: Bende 93117, Kadia 93117
75 Gorontalo
 7571 | Kota Gorontalo | 435 | 1
  02 Kota Selatan: Limba U Satu 96115, Biawao 96114
  04 Kota Tengah: Wumialo 96138, Liluwo 96138
76 Sulawesi Barat
 7604 | Kabupaten Mamuju | 426 | 1
  01 Mamuju: Binanga 91511, Karema 91511, Rimuku 91511
81 Maluku
 8171 | Kota Ambon | 911 | 2
  01 Nusaniwe: Benteng 97117, Nusaniwe 97118
  02 Sirimau: Batu Merah 97128, Rijali 97124, Honipopu 97124
82 Maluku Utara
 8271 | Kota Ternate | 921 | 1
  01 Ternate Selatan: Kalumpang 97711, Bastiong Talangame 97712
  02 Ternate Tengah: Gamalama 97721, Makassar Timur 97721
91 Papua
 9171 | Kota Jayapura | 967 | 2
  01 Jayapura Utara: Gurabesi 99111, Trikora 99111
  02 Jayapura Selatan: Hamadi 99221, Entrop 99224
  03 Abepura: Kota Baru 99351, Asano 99351
92 Papua Barat
 9202 | Kabupaten Manokwari | 986 | 1
  01 Manokwari Barat: Padarni 98312, Wosi 98312
"""


@dataclass(frozen=True)
class Place:
    """One kelurahan with everything an address and a NIK need."""

    nik_prefix: str  # province + regency/city + district: 6 digits
    province: str
    city: str
    kecamatan: str
    kelurahan: str
    postal_code: str
    area_code: str  # landline area code without the trunk 0
    weight: float


def _parse_regions(text: str) -> list[Place]:
    places: list[Place] = []
    province = city = area = city_code = ""
    city_weight = 0.0
    kecamatan_lines: list[str] = []

    def flush_city() -> None:
        kelurahan_total = sum(len(k.split(":")[1].split(",")) for k in kecamatan_lines)
        for line in kecamatan_lines:
            head, villages = line.split(":")
            district, kecamatan = head.split(" ", 1)
            for village in villages.split(","):
                name, postal = village.strip().rsplit(" ", 1)
                places.append(
                    Place(
                        city_code + district,
                        province,
                        city,
                        kecamatan,
                        name,
                        postal,
                        area,
                        city_weight / kelurahan_total,
                    )
                )
        kecamatan_lines.clear()

    for raw in text.strip("\n").splitlines():
        depth = len(raw) - len(raw.lstrip(" "))
        line = raw.strip()
        if depth == 0:
            flush_city()
            province = line.split(" ", 1)[1]
        elif depth == 1:
            flush_city()
            city_code, city, area, weight = (p.strip() for p in line.split("|"))
            city_weight = float(weight)
        else:
            kecamatan_lines.append(line)
    flush_city()
    return places


PLACES: tuple[Place, ...] = tuple(_parse_regions(_REGIONS))

# The demo bank is a branch in Medan (demo_data.DEMO_BRANCH_NAME): a branch lends where
# it can visit, so most clients live in the city and its neighbouring regencies, and a
# few (moved for work, family) elsewhere. Without this the visit calendar plans routes
# from Medan to Bekasi.
BRANCH_PROVINCE = "Sumatera Utara"
BRANCH_SHARE = 0.9


def _branch_weights(places: tuple[Place, ...]) -> list[float]:
    home = sum(p.weight for p in places if p.province == BRANCH_PROVINCE)
    away = sum(p.weight for p in places if p.province != BRANCH_PROVINCE)
    if not home or not away:
        return [p.weight for p in places]
    scale = BRANCH_SHARE / (1 - BRANCH_SHARE) * away / home
    return [p.weight * scale if p.province == BRANCH_PROVINCE else p.weight for p in places]

# Common given names first (weighted by repetition in the pool), Faker's long tail after.
_MALE_COMMON = (
    "Muhammad Ahmad Budi Agus Andi Dedi Rudi Joko Hendra Rizky Fajar Dimas Eko Bambang Slamet "
    "Sutrisno Hadi Wahyu Yusuf Arif Irfan Teguh Bayu Dodi Heri Indra Rahmat Adi Aris Taufik "
    "Ilham Fauzi Hasan Ridwan Reza Anton Yudi Doni Asep Ujang Dadang Fikri Galih Arief Iwan Rizal Yogi Aditya Satria Gilang Hendri Kurniawan Sugeng"
).split()
_FEMALE_COMMON = (
    "Siti Sri Dewi Nur Rina Ani Yuni Wati Ratna Lestari Fitri Indah Putri Ayu Dian Eka Maya "
    "Nurul Nurhayati Nurhasanah Sari Rini Yanti Novi Wulan Intan Anisa Rahma Mega Sinta Tuti Endang Suryani Kartini "
    "Lina Dina Diah Ika Nia Ratih Desi Fitria Nabila Aisyah Tri Retno Yulia "
    "Erna Hesti Nining Susi Irma Mira Eni Widya Citra Riska"
).split()
_MIDDLE_MALE = "Nur Adi Dwi Tri Eko Budi Agus Hadi Rahmat Abdul Dwi Putra Aji".split()
_MIDDLE_FEMALE = "Nur Dwi Tri Ayu Sri Kurnia Dewi Puspita Rahma Indah Eka Putri".split()
_LAST_EXTRA = (
    "Santoso Wijaya Saputra Pratama Hidayat Setiawan Kusuma Nugroho Siregar Harahap Lubis "
    "Nasution Simanjuntak Sitorus Gultom Tanjung Daulay Rangkuti Pane Syahputra Susanto "
    "Gunawan Rahman Hakim Firmansyah Ramadhan Maulana Purnomo Suryadi Wibowo Hartono "
    "Sihombing Panjaitan Sembiring Ginting Tarigan Manurung Situmorang Hutapea Halim Tanoto"
).split()
_LAST_FEMALE_EXTRA = "Lestari Wulandari Rahayu Handayani Susanti Kurniasih Anggraini Safitri Oktaviani Puspitasari".split()

# The common names carry about two thirds of the draws, Faker's rarer ones the rest.
MALE_FIRST: tuple[str, ...] = tuple(_MALE_COMMON * 14 + list(FakerPerson.first_names_male))
FEMALE_FIRST: tuple[str, ...] = tuple(_FEMALE_COMMON * 10 + list(FakerPerson.first_names_female))
MALE_MIDDLE: tuple[str, ...] = tuple(_MIDDLE_MALE)
FEMALE_MIDDLE: tuple[str, ...] = tuple(_MIDDLE_FEMALE)
MALE_LAST: tuple[str, ...] = tuple(sorted(set(_LAST_EXTRA) | set(FakerPerson.last_names_male)))
FEMALE_LAST: tuple[str, ...] = tuple(
    sorted(set(_LAST_FEMALE_EXTRA) | set(FakerPerson.last_names_female))
)
# Titles as people write them on forms; the prefix chance is small, the suffix smaller.
MALE_PREFIXES = ("H.", "H.", "H.", "Ir.", "Drs.", "dr.")
FEMALE_PREFIXES = ("Hj.", "Hj.", "Hj.", "Dra.", "dr.", "Ir.")
SUFFIXES = ("S.E.", "S.H.", "S.T.", "S.Pd.", "S.Kom.", "M.M.", "S.Sos.", "A.Md.")

_STREET_EXTRA = (
    "Melati|Mawar|Kenanga|Anggrek|Flamboyan|Cempaka|Dahlia|Teratai|Kamboja|Nusantara|Pahlawan|"
    "Pemuda|Pramuka|Gatot Subroto|Diponegoro|Kartini|Sisingamangaraja|Hasanuddin|Imam Bonjol|"
    "Hayam Wuruk|Gajah Mada|Pattimura|Sultan Agung|Kaliurang|Raya Bogor|Pasar Baru|Kebon Sirih|"
    "Cendrawasih|Merpati|Kutilang|Beringin|Mangga|Rambutan|Durian|Masjid|Sekolah|Puskesmas|"
    "Lapangan|Stasiun|Raya Cibubur|Margonda Raya|Palagan Tentara Pelajar|Gejayan|Panglima Polim"
).split("|")
STREETS: tuple[str, ...] = tuple(sorted(set(FakerAddress.streets) | set(_STREET_EXTRA)))
HOUSING = (
    "Griya Asri",
    "Bumi Indah",
    "Taman Sari",
    "Villa Mutiara",
    "Graha Permai",
    "Puri Kencana",
    "Citra Garden",
    "Pondok Hijau",
    "Green Residence",
    "Bukit Damai",
)

# (occupation, lowest, highest monthly income in Rupiah); drawn log-uniformly.
OCCUPATIONS: tuple[tuple[str, int, int], ...] = (
    ("Karyawan Swasta", 4_500_000, 15_000_000),
    ("Karyawan Swasta", 4_500_000, 15_000_000),
    ("Karyawan Swasta", 4_500_000, 15_000_000),
    ("Pegawai Negeri Sipil", 4_000_000, 12_000_000),
    ("Pegawai Negeri Sipil", 4_000_000, 12_000_000),
    ("Guru", 3_000_000, 8_000_000),
    ("Dosen", 6_000_000, 18_000_000),
    ("Perawat", 4_000_000, 9_000_000),
    ("Bidan", 4_000_000, 9_000_000),
    ("Dokter", 15_000_000, 60_000_000),
    ("Anggota TNI", 4_500_000, 12_000_000),
    ("Anggota Polri", 4_500_000, 12_000_000),
    ("Karyawan BUMN", 7_000_000, 25_000_000),
    ("Buruh Pabrik", 2_800_000, 5_500_000),
    ("Buruh Pabrik", 2_800_000, 5_500_000),
    ("Pengemudi Ojek Online", 2_500_000, 6_000_000),
    ("Sopir", 3_000_000, 6_000_000),
    ("Pedagang Pasar", 3_000_000, 15_000_000),
    ("Pedagang Pasar", 3_000_000, 15_000_000),
    ("Petani", 2_000_000, 7_000_000),
    ("Nelayan", 2_000_000, 6_000_000),
    ("Penjahit", 2_500_000, 6_000_000),
    ("Montir", 3_000_000, 7_000_000),
    ("Pensiunan", 2_500_000, 8_000_000),
    ("Ibu Rumah Tangga", 1_000_000, 4_000_000),
    ("Wiraswasta", 5_000_000, 30_000_000),
    ("Wiraswasta", 5_000_000, 30_000_000),
    ("Desainer Grafis Lepas", 3_000_000, 12_000_000),
    ("Apoteker", 6_000_000, 15_000_000),
    ("Akuntan", 7_000_000, 20_000_000),
)
# (business name prefix, owner's occupation, lowest, highest monthly income).
BUSINESS_TYPES: tuple[tuple[str, str, int, int], ...] = (
    ("Toko", "Pedagang Kelontong", 8_000_000, 40_000_000),
    ("Toko", "Pedagang Kelontong", 8_000_000, 40_000_000),
    ("Warung Makan", "Pengusaha Kuliner", 6_000_000, 30_000_000),
    ("Rumah Makan", "Pengusaha Kuliner", 15_000_000, 80_000_000),
    ("Bengkel", "Pemilik Bengkel", 8_000_000, 40_000_000),
    ("Konveksi", "Pengusaha Konveksi", 15_000_000, 100_000_000),
    ("Katering", "Pengusaha Katering", 10_000_000, 60_000_000),
    ("Laundry", "Pengusaha Laundry", 6_000_000, 25_000_000),
    ("Apotek", "Pemilik Apotek", 20_000_000, 80_000_000),
    ("Toko Bangunan", "Pedagang Bahan Bangunan", 25_000_000, 150_000_000),
    ("Percetakan", "Pengusaha Percetakan", 15_000_000, 60_000_000),
    ("Salon", "Pemilik Salon", 6_000_000, 25_000_000),
    ("Kios Pulsa", "Pedagang Pulsa", 4_000_000, 12_000_000),
    ("Mebel", "Pengrajin Mebel", 10_000_000, 60_000_000),
    ("CV", "Direktur CV", 30_000_000, 200_000_000),
    ("UD", "Pemilik UD", 20_000_000, 120_000_000),
    ("PT", "Direktur Utama", 50_000_000, 400_000_000),
)
BUSINESS_WORDS: tuple[str, ...] = tuple(
    "Sumber Sinar Cahaya Berkah Maju Karya Mitra Jaya Mandiri Sejahtera Barokah Putra Harapan "
    "Rezeki Lancar Setia Mulia Bintang Anugerah Sentosa Abadi Makmur Indah Utama Bersama "
    "Baru Lestari Agung Sakti Murni Gemilang Nusa Prima".split()
)

# Operator prefixes after the trunk 0 (Telkomsel, Indosat, XL, Axis, Tri, Smartfren),
# repeated roughly by market share.
MOBILE_PREFIXES: tuple[str, ...] = tuple(
    "811 812 812 812 813 813 821 821 822 822 823 851 852 852 853 814 815 816 855 856 856 857 "
    "857 858 817 818 819 859 877 878 878 831 832 833 838 895 896 896 897 898 899 881 882 "
    "887 888".split()
)

REFUSALS_BEFORE_APPLYING: tuple[str, ...] = (
    "Bunga dirasa terlalu tinggi",
    "Sudah punya pinjaman di bank lain",
    "Belum butuh pinjaman saat ini",
    "Tidak mau menjaminkan sertifikat",
    "Pasangan tidak setuju",
    "Memilih bank lain yang prosesnya lebih cepat",
    "Khawatir tidak sanggup membayar angsuran",
    "Tidak bisa dihubungi lagi setelah kunjungan pertama",
    "Menolak dengan kasar saat ditawari",
    "Plafon yang ditawarkan terlalu kecil",
)
REFUSALS_AFTER_APPLYING: tuple[str, ...] = (
    "Riwayat SLIK kurang baik (ada tunggakan)",
    "Penghasilan belum mencukupi, DSR di atas batas",
    "Agunan tidak memenuhi syarat",
    "Dokumen usaha belum lengkap",
    "Usaha belum berjalan 2 tahun",
    "Bunga dirasa terlalu tinggi setelah simulasi",
)
STATUS_NOTES = {
    "pengajuan": (
        "Pengajuan KUR Mikro",
        "Pengajuan kredit modal kerja",
        "Pengajuan KPR",
        "Pengajuan kredit multiguna",
        "Berkas pengajuan lengkap",
    ),
    "aktif": (
        "Kredit dicairkan",
        "Pembukaan rekening tabungan",
        "Penempatan deposito 6 bulan",
        "Pencairan KUR Mikro",
        "Akad kredit selesai",
    ),
    "tidak_aktif": (
        "Kredit lunas",
        "Rekening ditutup nasabah",
        "Deposito dicairkan, tidak diperpanjang",
        "Pindah domisili ke luar kota",
    ),
}
NOTES: tuple[str, ...] = (
    "Sudah dikunjungi di rumah, tertarik KUR Mikro, minta simulasi angsuran.",
    "Minta dihubungi lagi setelah Lebaran.",
    "Dokumen KTP, KK dan NPWP sudah diterima.",
    "Follow-up lewat WhatsApp, belum dibalas.",
    "Survei lokasi usaha: warung ramai, omzet harian sekitar Rp1.500.000.",
    "Menanyakan deposito 6 bulan, membandingkan dengan bank lain.",
    "Pembayaran angsuran selalu tepat waktu.",
    "Minta jadwal ulang kunjungan ke hari Sabtu.",
    "Sudah dijelaskan perbedaan bunga flat dan efektif.",
    "Istri ikut menandatangani persetujuan pasangan.",
    "Telepon tidak diangkat, coba lagi minggu depan.",
    "Ingin menambah plafon untuk renovasi toko.",
    "Bertemu di acara pameran UMKM kecamatan, minta brosur KUR.",
    "Rekomendasi dari nasabah lama, usaha konveksi rumahan.",
    "Agunan BPKB motor, perlu cek fisik kendaraan.",
)
CLIENT_REMARKS: tuple[str, ...] = (
    "Lebih suka dihubungi sore hari.",
    "Hanya bisa ditemui di tempat usaha.",
    "Nasabah lama, pembayaran selalu lancar.",
    "Bahasa Jawa lebih nyaman saat kunjungan.",
    "Jangan ditelepon saat jam salat Jumat.",
)
# Tags drawn at random; "umkm", "asn" and "pensiunan" follow the client's work instead.
TAGS: tuple[str, ...] = (
    "kur", "potensial", "prioritas", "deposito", "tabungan", "kpr", "pasar", "komunitas",
    "follow-up",
)  # fmt: skip
OFFICER_NAMES = (
    "Rizky Pratama",
    "Dewi Anggraini",
    "Andi Saputra",
    "Hendra Wijaya",
    "Putri Maharani",
    "Fajar Nugroho",
    "Rina Oktaviani",
    "Bayu Setiawan",
)
# Regional naming: Balinese birth-order names and Batak family names (marga).
BALI_ORDER = ("Wayan", "Made", "Nyoman", "Ketut", "Putu", "Gede", "Komang", "Kadek")
BALI_GIVEN_MALE = (
    "Agus",
    "Bagus",
    "Dharma",
    "Surya",
    "Arta",
    "Wira",
    "Adi",
    "Yoga",
    "Krisna",
    "Eka",
)
BALI_GIVEN_FEMALE = ("Ayu", "Sri", "Dewi", "Wulan", "Sari", "Puspa", "Ari", "Ratna", "Eka")
BALI_LAST = (
    "Suardana",
    "Wirawan",
    "Sudarsana",
    "Astawa",
    "Mahendra",
    "Suarjana",
    "Widiantara",
    "Antari",
    "Lestari",
    "Pradnyani",
    "Wulandari",
    "Sukmawati",
)
MARGA = (
    "Siregar",
    "Harahap",
    "Lubis",
    "Nasution",
    "Simanjuntak",
    "Sitorus",
    "Gultom",
    "Hutapea",
    "Sihombing",
    "Panjaitan",
    "Sembiring",
    "Ginting",
    "Tarigan",
    "Manurung",
    "Situmorang",
    "Simbolon",
    "Sinaga",
    "Pardede",
    "Hutagalung",
    "Nainggolan",
)
OCCUPATION_TAGS = {
    "Pensiunan": "pensiunan", "Pegawai Negeri Sipil": "asn", "Guru": "asn", "Karyawan BUMN": "payroll",
}  # fmt: skip


# --- combining the pools into rows ---------------------------------------------------

HISTORY_DAYS = 730  # clients were added over the last two years
_STATUSES = (("prospek", 35), ("pengajuan", 15), ("aktif", 35), ("tidak_aktif", 8), ("ditolak", 7))
_SOURCES = (
    ("brosur", 18),
    ("media_sosial", 22),
    ("referensi", 25),
    ("walk_in", 18),
    ("acara", 12),
    ("lainnya", 5),
)
_M64 = (1 << 64) - 1
_CUSTOMERS = ("aktif", "tidak_aktif")


def _cumulative(weights: list[float]) -> tuple[list[float], float]:
    total, acc = 0.0, []
    for w in weights:
        total += w
        acc.append(total)
    return acc, total


def _pick_weighted(pairs: tuple[tuple[str, int], ...]) -> Callable[[float], str]:
    names = [n for n, _w in pairs]
    cum, total = _cumulative([w for _n, w in pairs])
    bounds = [c / total for c in cum[:-1]]
    return lambda u: names[bisect.bisect_right(bounds, u)]


_status_of_unit = _pick_weighted(_STATUSES)
_source_of_unit = _pick_weighted(_SOURCES)


WITHDRAWAL_REASONS = (
    "Tidak ingin ditawari produk lagi",
    "Merasa terlalu sering dihubungi",
    "Nomor HP dipakai keluarga",
    "",
)


def _consent_record(seed: int, cid: int, consent: int, status: str,
                    stamps: list[str]) -> tuple[object, ...]:
    """(given on, purpose, channels, withdrawn on, reason) of a client's consent to be
    contacted. Drawn from its own numbers (not the batch's stream), so the rest of the
    demo stays as it was: most who consent allow every channel, some only WhatsApp and
    phone; about a third of those without consent had given it and withdrew it (by
    the client's last change)."""
    u = _unit(seed ^ 0x5EED, cid)
    purpose = "layanan" if status in _CUSTOMERS else "penawaran"
    if consent:
        channels = ("telepon,sms,whatsapp" if u < 0.6 else "telepon,whatsapp" if u < 0.85
                    else "whatsapp")
        return stamps[0][:10], purpose, channels, None, ""
    if u < 0.35:
        reason = WITHDRAWAL_REASONS[int(u * 16) % len(WITHDRAWAL_REASONS)]
        return stamps[0][:10], purpose, "telepon,sms,whatsapp", stamps[-1][:10], reason
    return None, "layanan", "telepon,sms,whatsapp", None, ""


def _unit(seed: int, client_id: int) -> float:
    """A uniform number in [0, 1) fixed by (seed, id): splitmix64 finaliser.

    The status comes from it (not from the batch's random stream), so the status of any
    earlier client is known without storing it: referrers are chosen among clients.
    """
    x = (seed * 0xD1B54A32D192ED03 + client_id * 0x9E3779B97F4A7C15) & _M64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _M64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _M64
    return ((x ^ (x >> 31)) >> 11) / 9007199254740992.0


class RowBuilder:
    """Client rows from the pools, deterministic per (seed, batch start).

    Everything is computed once per database; `batch()` then builds rows quickly. NIK
    serials count the clients sharing district, birth date and sex (0001, 0002, ... in id
    order), as the civil registry does, so every NIK is unique.
    """

    def __init__(self, seed: int, total: int, today: date, officers: list[tuple[int, str]]) -> None:
        self.seed, self.total = seed, total
        setup = random.Random(f"demo-setup-{seed}")
        first_day = today - timedelta(days=HISTORY_DAYS)
        self.days = [(first_day + timedelta(days=d)).isoformat() for d in range(HISTORY_DAYS)]
        # Office hours, sorted: increasing indexes give increasing times within a day.
        self.times = sorted(
            f"{setup.randint(7, 17):02d}:{setup.randrange(60):02d}:"
            f"{setup.randrange(60):02d}.{setup.randrange(1_000_000):06d}"
            for _ in range(4096)
        )
        # Birth dates for ages 21 to 65: (ISO, NIK DDMMYY of a man, of a woman).
        youngest = today - timedelta(days=round(21 * 365.25) + 1)
        self.births = [
            (b.isoformat(), f"{b:%d%m%y}", f"{b.day + 40:02d}{b:%m%y}")
            for b in (youngest - timedelta(days=back) for back in range(44 * 365))
        ]
        self.place_cum, self.place_total = _cumulative(_branch_weights(PLACES))
        prefixes = sorted({p.nik_prefix for p in PLACES})
        self.prefix_index = [prefixes.index(p.nik_prefix) for p in PLACES]
        # NIK serials so far per (district, sex, birth date): bounded by the pools, not by N.
        self.serials = array("H", bytes(2 * len(prefixes) * 2 * len(self.births)))
        self.officers = officers  # (id, name) of the three AOs, shares 40/35/25 %
        self.keys: dict[str, str] = {}
        self.mobile_offset = setup.randrange(10**8)
        self.R = random.random  # replaced per batch

    def pick(self, pool: tuple[str, ...] | list[str]) -> str:
        return pool[int(self.R() * len(pool))]

    def name(self, female: bool, province: str) -> tuple[str, str]:
        """Full name and its search key (joined from cached keys of the parts)."""
        R, pick = self.R, self.pick
        if province == "Bali" and R() < 0.8:
            given = pick(BALI_GIVEN_FEMALE if female else BALI_GIVEN_MALE)
            parts = ["Ni" if female else "I", pick(BALI_ORDER), given, pick(BALI_LAST)]
        else:
            parts = [pick(FEMALE_FIRST if female else MALE_FIRST)]
            u = R()
            if u > 0.75:
                parts.append(pick(FEMALE_MIDDLE if female else MALE_MIDDLE))
            if u > 0.08:  # else a single name, common among older Javanese
                if province == "Sumatera Utara" and R() < 0.6:
                    parts.append(pick(MARGA))
                else:
                    parts.append(pick(FEMALE_LAST if female and R() < 0.7 else MALE_LAST))
            v = R()
            if v < 0.04:
                parts.insert(0, pick(FEMALE_PREFIXES if female else MALE_PREFIXES))
            elif v > 0.965:
                parts[-1] += ","
                parts.append(pick(SUFFIXES))
        keys = self.keys
        for part in parts:
            if part not in keys:
                keys[part] = name_search_key(part)
        return " ".join(parts), " ".join(keys[p] for p in parts)

    def identity(self, place_at: int, female: bool) -> tuple[str, str | None]:
        """A NIK matching the district, birth date and sex, and the ISO birth date."""
        births = self.births
        at = min(len(births) - 1, int((self.R() + self.R()) * 0.5 * len(births)))  # triangular
        slot = (self.prefix_index[place_at] * 2 + female) * len(births) + at
        serial = self.serials[slot] = self.serials[slot] + 1
        iso, male_date, female_date = births[at]
        return (
            f"{PLACES[place_at].nik_prefix}{female_date if female else male_date}{serial:04d}",
            iso,
        )

    def business(self, female: bool, full_name: str) -> tuple[str, str, str, str, int, int]:
        """(business name, NIB, NPWP, owner's occupation, income range) of a business."""
        R, words = self.R, BUSINESS_WORDS
        prefix, occupation, lo, hi = BUSINESS_TYPES[int(R() * len(BUSINESS_TYPES))]
        w1, w2, w3 = self.pick(words), self.pick(words), self.pick(words)
        if prefix in ("PT", "CV", "UD"):
            name = f"{prefix} {w1} {w2}" + (f" {w3}" if prefix == "PT" else "")
        elif R() < 0.3:
            name = f"{prefix} {'Bu' if female else 'Pak'} {full_name.split()[0]}"
        else:
            name = f"{prefix} {w1} {w2}"
        nib = f"{'9120' if R() < 0.7 else '8120'}{int(R() * 1e9):09d}"
        npwp = f"0{int(R() * 1e8):08d}{int(R() * 1e3):03d}000"  # 15-digit form
        return name, nib, ("0" + npwp if R() < 0.5 else npwp), occupation, lo, hi

    def contact(self, cid: int, place: Place, business: bool) -> tuple[str, str, str]:
        """(mobile, landline, street). Mobiles are unique: an invertible map of the id."""
        R = self.R
        sub = (cid * 73_856_093 + self.mobile_offset) % 100_000_000
        extra = str(1 + int(R() * 9)) if R() < 0.25 else ""  # some 13-digit numbers
        mobile = f"+62{self.pick(MOBILE_PREFIXES)}{extra}{sub:08d}"
        landline = ""
        if R() < (0.6 if business else 0.12):
            area = place.area_code
            digits = 8 if area == "21" else 7 if len(area) == 2 else 6 + int(R() * 2)
            landline = f"+62{area}{2 * 10 ** (digits - 1) + int(R() * 7 * 10 ** (digits - 1))}"
        r, number = R(), 1 + int(R() ** 2 * 150)
        rt_rw = f"RT {1 + int(R() * 12):03d}/RW {1 + int(R() * 9):03d}"
        if r < 0.9:
            kind = "Jl." if r < 0.78 else "Gg."
            street = f"{kind} {self.pick(STREETS)} No. {number}, {rt_rw}"
        else:
            block = f"{'ABCDEFGH'[int(R() * 8)]}{1 + int(R() * 20)}"
            street = f"Perum {self.pick(HOUSING)} Blok {block} No. {number % 40 + 1}, {rt_rw}"
        return mobile, landline, street

    def steps(self, status: str) -> tuple[list[tuple[str, float, str]], str]:
        """The pipeline to `status`: (status, days after the previous step, note); refusal."""
        R = self.R
        applied = ("pengajuan", 3 + R() * 40, "")
        if status == "prospek":
            return [("prospek", 0, "")], ""
        if status == "pengajuan":
            return [("prospek", 0, ""), applied], ""
        if status == "ditolak":
            if R() < 0.6:  # the prospect said no
                refusal = self.pick(REFUSALS_BEFORE_APPLYING)
                return [("prospek", 0, ""), ("ditolak", 1 + R() * 30, refusal)], refusal
            refusal = self.pick(REFUSALS_AFTER_APPLYING)  # the bank said no
            return [("prospek", 0, ""), applied, ("ditolak", 5 + R() * 20, refusal)], refusal
        steps = [("prospek", 0, ""), applied] if R() >= 0.15 else [("prospek", 0, "")]
        steps.append(("aktif", 7 + R() * 30, ""))  # without application: a savings account
        if status == "tidak_aktif":
            steps.append(("tidak_aktif", 60 + R() * 360, ""))
        return steps, ""

    def batch(self, first_id: int, count: int) -> tuple[list[tuple], list[tuple], list[tuple]]:
        """Rows for clients, client_status_history and client_notes of ids first_id..."""
        self.R = R = random.Random(f"demo-{self.seed}-{first_id}").random
        days, times, pick = self.days, self.times, self.pick
        clients: list[tuple] = []
        history: list[tuple] = []
        notes: list[tuple] = []
        for cid in range(first_id, first_id + count):
            place_at = bisect.bisect_left(self.place_cum, R() * self.place_total)
            place = PLACES[place_at]
            female = R() < 0.5
            full_name, name_key = self.name(female, place.province)
            status = _status_of_unit(_unit(self.seed, cid))
            o = R()
            officer_id, officer = self.officers[0 if o < 0.40 else 1 if o < 0.75 else 2]
            nik, birth = "", None  # a quarter of the prospects have not shown their KTP yet
            if status != "prospek" or R() >= 0.25:
                nik, birth = self.identity(place_at, female)
            business = R() < 0.15
            if business:
                business_name, nib, npwp, occupation, lo, hi = self.business(female, full_name)
                step = 100_000
            else:
                occupation, lo, hi = OCCUPATIONS[int(R() * len(OCCUPATIONS))]
                business_name = nib = ""
                # Since 2024 the NIK is the personal NPW
                npwp = nik if nik and status != "prospek" and R() < 0.35 else ""
                step = 50_000
            income = int(lo * (hi / lo) ** (R() ** 1.3)) // step * step
            u = R()
            share = 0.0 if u < 0.35 else 0.05 + R() * 0.33 if u < 0.93 else 0.38 + R() * 0.22
            mobile, landline, street = self.contact(cid, place, business)
            source, referrer_id = _source_of_unit(R()), None
            if source == "referensi" and cid == 1:
                source = "walk_in"
            elif source == "referensi":
                for _try in range(4):  # prefer a client who already has a product
                    referrer_id = 1 + int(R() * (cid - 1))
                    if _status_of_unit(_unit(self.seed, referrer_id)) in _CUSTOMERS:
                        break
            steps, refusal = self.steps(status)
            # Spread the steps after the creation day, squeezed for recent clients.
            start = (cid - 1) * HISTORY_DAYS // self.total
            room = len(days) - 1 - start
            gaps = sum(g for _s, g, _n in steps)
            scale = min(1.0, room / gaps) if gaps else 1.0
            marks = sorted(int(R() * len(times)) for _ in steps)
            day, stamps = float(start), []
            for (st, gap, note), mark in zip(steps, marks, strict=True):
                day += gap * scale
                stamps.append(f"{days[int(day)]} {times[mark]}")
                if not note and st in STATUS_NOTES and R() < 0.7:
                    note = pick(STATUS_NOTES[st])
                history.append((cid, st, stamps[-1], officer, note))
            if R() < 0.12:  # the AO's notes on this client
                for _n in range(1 + int(R() * 3)):
                    at = f"{days[start + int(R() * (room + 1))]} {pick(times)}"
                    notes.append((cid, pick(NOTES), officer, at))
            tags = {"umkm"} if business and R() < 0.7 else set()
            if occupation in OCCUPATION_TAGS:
                tags.add(OCCUPATION_TAGS[occupation])
            if R() < 0.35:
                tags.add(pick(TAGS))
            clients.append((
                cid, "business" if business else "individual", full_name, name_key,
                business_name, nik, nib, npwp, birth, "P" if female else "L", mobile, landline,
                street, place.kelurahan, place.kecamatan, place.city, place.province,
                place.postal_code, occupation, income, int(income * share) // 1000 * 1000,
                status, source, referrer_id, refusal, officer_id,
                "," + ",".join(sorted(tags)) + "," if tags else "",
                pick(CLIENT_REMARKS) if R() < 0.04 else "",
                consent := 1 if R() < (0.6 if status == "prospek" else 0.9) else 0,
                *_consent_record(self.seed, cid, consent, status, stamps),
                1 if status == "tidak_aktif" and R() < 0.3 else 0,  # archived
                1, stamps[0], stamps[-1], officer,
            ))  # fmt: skip
        return clients, history, notes


def officers(seed: int) -> list[tuple[str, str, str]]:
    """(name, E.164 mobile, role): three AOs, their supervisor, the branch's admin and a
    colleague from marketing (read-only), so every role of the sign-in can be tried."""
    rng = random.Random(f"demo-officers-{seed}")
    names = rng.sample(OFFICER_NAMES, 4)
    phones = [f"+62{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**7, 10**8)}" for _ in names]
    roles = ["ao", "ao", "ao", "supervisor"]
    # A second generator for the two added later: the first four stay as they were.
    more = random.Random(f"demo-officers-more-{seed}")
    extra = more.sample([n for n in OFFICER_NAMES if n not in names], 2)
    names += extra
    phones += [f"+62{more.choice(MOBILE_PREFIXES)}{more.randrange(10**7, 10**8)}" for _ in extra]
    roles += ["admin", "marketing"]
    return list(zip(names, phones, roles, strict=True))
