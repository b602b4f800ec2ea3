// PALI's kecamatan and villages: Kemendagri codes and names; approximate centres are the
// geometric centre of each area, from cahyadsn/wilayah_boundaries (MIT), not the settlement.
// The 4th code segment starts with 1 for a kelurahan and 2 for a desa.

export interface DistrictFact {
	code: string;
	name: string;
	lat: number;
	lng: number;
}

export interface VillageFact {
	code: string;
	slug: string;
	name: string;
	type: 'desa' | 'kelurahan';
	districtCode: string;
	lat: number;
	lng: number;
}

export const districts: readonly DistrictFact[] = [
	{ code: '16.12.01', name: 'Talang Ubi', lat: -3.286256, lng: 103.861294 },
	{ code: '16.12.02', name: 'Penukal Utara', lat: -3.098857, lng: 103.938658 },
	{ code: '16.12.03', name: 'Penukal', lat: -3.172899, lng: 104.034885 },
	{ code: '16.12.04', name: 'Abab', lat: -3.150263, lng: 104.171164 },
	{ code: '16.12.05', name: 'Tanah Abang', lat: -3.306757, lng: 104.124926 }
];

export const villages: readonly VillageFact[] = [
	{
		code: '16.12.01.1003',
		slug: 'talang-ubi-timur',
		name: 'Talang Ubi Timur',
		type: 'kelurahan',
		districtCode: '16.12.01',
		lat: -3.276105,
		lng: 103.842352
	},
	{
		code: '16.12.01.1010',
		slug: 'talang-ubi-barat',
		name: 'Talang Ubi Barat',
		type: 'kelurahan',
		districtCode: '16.12.01',
		lat: -3.262712,
		lng: 103.785678
	},
	{
		code: '16.12.01.1011',
		slug: 'talang-ubi-utara',
		name: 'Talang Ubi Utara',
		type: 'kelurahan',
		districtCode: '16.12.01',
		lat: -3.245303,
		lng: 103.842805
	},
	{
		code: '16.12.01.1012',
		slug: 'talang-ubi-selatan',
		name: 'Talang Ubi Selatan',
		type: 'kelurahan',
		districtCode: '16.12.01',
		lat: -3.309824,
		lng: 103.85002
	},
	{
		code: '16.12.01.1017',
		slug: 'pasar-bhayangkara',
		name: 'Pasar Bhayangkara',
		type: 'kelurahan',
		districtCode: '16.12.01',
		lat: -3.293322,
		lng: 103.804392
	},
	{
		code: '16.12.01.1018',
		slug: 'handayani-mulya',
		name: 'Handayani Mulya',
		type: 'kelurahan',
		districtCode: '16.12.01',
		lat: -3.300387,
		lng: 103.884199
	},
	{
		code: '16.12.01.2001',
		slug: 'talang-bulang',
		name: 'Talang Bulang',
		type: 'desa',
		districtCode: '16.12.01',
		lat: -3.384751,
		lng: 103.943283
	},
	{
		code: '16.12.01.2002',
		slug: 'benuang',
		name: 'Benuang',
		type: 'desa',
		districtCode: '16.12.01',
		lat: -3.367848,
		lng: 103.983707
	},
	{
		code: '16.12.01.2004',
		slug: 'talang-akar',
		name: 'Talang Akar',
		type: 'desa',
		districtCode: '16.12.01',
		lat: -3.187826,
		lng: 103.805999
	},
	{
		code: '16.12.01.2005',
		slug: 'sungai-ibul',
		name: 'Sungai Ibul',
		type: 'desa',
		districtCode: '16.12.01',
		lat: -3.236648,
		lng: 103.915881
	},
	{
		code: '16.12.01.2006',
		slug: 'karta-dewa',
		name: 'Karta Dewa',
		type: 'desa',
		districtCode: '16.12.01',
		lat: -3.322076,
		lng: 103.970553
	},
	{
		code: '16.12.01.2007',
		slug: 'panta-dewa',
		name: 'Panta Dewa',
		type: 'desa',
		districtCode: '16.12.01',
		lat: -3.276321,
		lng: 104.037471
	},
	{
		code: '16.12.01.2008',
		slug: 'sungai-baung',
		name: 'Sungai Baung',
		type: 'desa',
		districtCode: '16.12.01',
		lat: -3.284776,
		lng: 103.731699
	},
	{
		code: '16.12.01.2009',
		slug: 'semangus',
		name: 'Semangus',
		type: 'desa',
		districtCode: '16.12.01',
		lat: -3.310108,
		lng: 103.636441
	},
	{
		code: '16.12.01.2013',
		slug: 'sinar-dewa',
		name: 'Sinar Dewa',
		type: 'desa',
		districtCode: '16.12.01',
		lat: -3.306142,
		lng: 104.009328
	},
	{
		code: '16.12.01.2014',
		slug: 'benakat-minyak',
		name: 'Benakat Minyak',
		type: 'desa',
		districtCode: '16.12.01',
		lat: -3.279649,
		lng: 103.66999
	},
	{
		code: '16.12.01.2015',
		slug: 'suka-maju',
		name: 'Suka Maju',
		type: 'desa',
		districtCode: '16.12.01',
		lat: -3.21423,
		lng: 103.878555
	},
	{
		code: '16.12.01.2016',
		slug: 'suka-damai',
		name: 'Suka Damai',
		type: 'desa',
		districtCode: '16.12.01',
		lat: -3.178664,
		lng: 103.840173
	},
	{
		code: '16.12.01.2019',
		slug: 'beruge-darat',
		name: 'Beruge Darat',
		type: 'desa',
		districtCode: '16.12.01',
		lat: -3.375641,
		lng: 103.975586
	},
	{
		code: '16.12.01.2020',
		slug: 'simpang-tais',
		name: 'Simpang Tais',
		type: 'desa',
		districtCode: '16.12.01',
		lat: -3.341518,
		lng: 103.911058
	},
	{
		code: '16.12.02.2001',
		slug: 'sukarami',
		name: 'Sukarami',
		type: 'desa',
		districtCode: '16.12.02',
		lat: -3.175523,
		lng: 103.914131
	},
	{
		code: '16.12.02.2002',
		slug: 'tanjung-baru',
		name: 'Tanjung Baru',
		type: 'desa',
		districtCode: '16.12.02',
		lat: -3.155592,
		lng: 103.934777
	},
	{
		code: '16.12.02.2003',
		slug: 'prabu-menang',
		name: 'Prabu Menang',
		type: 'desa',
		districtCode: '16.12.02',
		lat: -3.126815,
		lng: 103.941505
	},
	{
		code: '16.12.02.2004',
		slug: 'tanding-marga',
		name: 'Tanding Marga',
		type: 'desa',
		districtCode: '16.12.02',
		lat: -3.076975,
		lng: 103.902071
	},
	{
		code: '16.12.02.2005',
		slug: 'karang-tanding',
		name: 'Karang Tanding',
		type: 'desa',
		districtCode: '16.12.02',
		lat: -3.063051,
		lng: 103.933165
	},
	{
		code: '16.12.02.2006',
		slug: 'lubuk-tampui',
		name: 'Lubuk Tampui',
		type: 'desa',
		districtCode: '16.12.02',
		lat: -3.074387,
		lng: 103.949503
	},
	{
		code: '16.12.02.2007',
		slug: 'tempirai',
		name: 'Tempirai',
		type: 'desa',
		districtCode: '16.12.02',
		lat: -3.06315,
		lng: 103.98734
	},
	{
		code: '16.12.02.2008',
		slug: 'tempirai-selatan',
		name: 'Tempirai Selatan',
		type: 'desa',
		districtCode: '16.12.02',
		lat: -3.115706,
		lng: 103.998537
	},
	{
		code: '16.12.02.2009',
		slug: 'kota-baru',
		name: 'Kota Baru',
		type: 'desa',
		districtCode: '16.12.02',
		lat: -3.125712,
		lng: 103.847433
	},
	{
		code: '16.12.02.2010',
		slug: 'tempirai-utara',
		name: 'Tempirai Utara',
		type: 'desa',
		districtCode: '16.12.02',
		lat: -3.05285,
		lng: 104.029487
	},
	{
		code: '16.12.02.2011',
		slug: 'tempirai-timur',
		name: 'Tempirai Timur',
		type: 'desa',
		districtCode: '16.12.02',
		lat: -3.051724,
		lng: 104.050434
	},
	{
		code: '16.12.02.2012',
		slug: 'tambak',
		name: 'Tambak',
		type: 'desa',
		districtCode: '16.12.02',
		lat: -3.186403,
		lng: 103.881668
	},
	{
		code: '16.12.02.2013',
		slug: 'muara-ikan',
		name: 'Muara Ikan',
		type: 'desa',
		districtCode: '16.12.02',
		lat: -3.143927,
		lng: 103.896816
	},
	{
		code: '16.12.03.2001',
		slug: 'purun',
		name: 'Purun',
		type: 'desa',
		districtCode: '16.12.03',
		lat: -3.247724,
		lng: 104.082998
	},
	{
		code: '16.12.03.2002',
		slug: 'gunung-menang',
		name: 'Gunung Menang',
		type: 'desa',
		districtCode: '16.12.03',
		lat: -3.181264,
		lng: 104.03997
	},
	{
		code: '16.12.03.2003',
		slug: 'mangkunegara',
		name: 'Mangkunegara',
		type: 'desa',
		districtCode: '16.12.03',
		lat: -3.168677,
		lng: 103.993087
	},
	{
		code: '16.12.03.2004',
		slug: 'raja-jaya',
		name: 'Raja Jaya',
		type: 'desa',
		districtCode: '16.12.03',
		lat: -3.163801,
		lng: 103.961699
	},
	{
		code: '16.12.03.2005',
		slug: 'air-itam',
		name: 'Air Itam',
		type: 'desa',
		districtCode: '16.12.03',
		lat: -3.100725,
		lng: 104.05931
	},
	{
		code: '16.12.03.2006',
		slug: 'gunung-raja',
		name: 'Gunung Raja',
		type: 'desa',
		districtCode: '16.12.03',
		lat: -3.204656,
		lng: 104.06531
	},
	{
		code: '16.12.03.2007',
		slug: 'air-itam-timur',
		name: 'Air Itam Timur',
		type: 'desa',
		districtCode: '16.12.03',
		lat: -3.062389,
		lng: 104.098067
	},
	{
		code: '16.12.03.2008',
		slug: 'sungai-langan',
		name: 'Sungai Langan',
		type: 'desa',
		districtCode: '16.12.03',
		lat: -3.244125,
		lng: 103.955779
	},
	{
		code: '16.12.03.2009',
		slug: 'spantan-jaya',
		name: 'Spantan Jaya',
		type: 'desa',
		districtCode: '16.12.03',
		lat: -3.224708,
		lng: 104.00636
	},
	{
		code: '16.12.03.2010',
		slug: 'babat',
		name: 'Babat',
		type: 'desa',
		districtCode: '16.12.03',
		lat: -3.252153,
		lng: 104.005265
	},
	{
		code: '16.12.03.2011',
		slug: 'suka-raja',
		name: 'Suka Raja',
		type: 'desa',
		districtCode: '16.12.03',
		lat: -3.202548,
		lng: 104.040922
	},
	{
		code: '16.12.03.2012',
		slug: 'purun-timur',
		name: 'Purun Timur',
		type: 'desa',
		districtCode: '16.12.03',
		lat: -3.260443,
		lng: 104.113805
	},
	{
		code: '16.12.03.2013',
		slug: 'mangkunegara-timur',
		name: 'Mangkunegara Timur',
		type: 'desa',
		districtCode: '16.12.03',
		lat: -3.140484,
		lng: 104.015137
	},
	{
		code: '16.12.04.2001',
		slug: 'betung',
		name: 'Betung',
		type: 'desa',
		districtCode: '16.12.04',
		lat: -3.182081,
		lng: 104.134015
	},
	{
		code: '16.12.04.2002',
		slug: 'betung-barat',
		name: 'Betung Barat',
		type: 'desa',
		districtCode: '16.12.04',
		lat: -3.186902,
		lng: 104.096527
	},
	{
		code: '16.12.04.2003',
		slug: 'karang-agung',
		name: 'Karang Agung',
		type: 'desa',
		districtCode: '16.12.04',
		lat: -3.144314,
		lng: 104.112844
	},
	{
		code: '16.12.04.2004',
		slug: 'tanjung-kurung',
		name: 'Tanjung Kurung',
		type: 'desa',
		districtCode: '16.12.04',
		lat: -3.084897,
		lng: 104.135711
	},
	{
		code: '16.12.04.2005',
		slug: 'pengabuan',
		name: 'Pengabuan',
		type: 'desa',
		districtCode: '16.12.04',
		lat: -3.26319,
		lng: 104.164268
	},
	{
		code: '16.12.04.2006',
		slug: 'prambatan',
		name: 'Prambatan',
		type: 'desa',
		districtCode: '16.12.04',
		lat: -3.126122,
		lng: 104.200403
	},
	{
		code: '16.12.04.2007',
		slug: 'pengabuan-timur',
		name: 'Pengabuan Timur',
		type: 'desa',
		districtCode: '16.12.04',
		lat: -3.233127,
		lng: 104.178355
	},
	{
		code: '16.12.04.2008',
		slug: 'betung-selatan',
		name: 'Betung Selatan',
		type: 'desa',
		districtCode: '16.12.04',
		lat: -3.211443,
		lng: 104.124775
	},
	{
		code: '16.12.05.2001',
		slug: 'bumi-ayu',
		name: 'Bumi Ayu',
		type: 'desa',
		districtCode: '16.12.05',
		lat: -3.343611,
		lng: 104.078488
	},
	{
		code: '16.12.05.2002',
		slug: 'muara-sungai',
		name: 'Muara Sungai',
		type: 'desa',
		districtCode: '16.12.05',
		lat: -3.334968,
		lng: 104.116446
	},
	{
		code: '16.12.05.2003',
		slug: 'tanah-abang-utara',
		name: 'Tanah Abang Utara',
		type: 'desa',
		districtCode: '16.12.05',
		lat: -3.332186,
		lng: 104.10121
	},
	{
		code: '16.12.05.2004',
		slug: 'sedupi',
		name: 'Sedupi',
		type: 'desa',
		districtCode: '16.12.05',
		lat: -3.308199,
		lng: 104.18136
	},
	{
		code: '16.12.05.2005',
		slug: 'sukaraja',
		name: 'Sukaraja',
		type: 'desa',
		districtCode: '16.12.05',
		lat: -3.309484,
		lng: 104.160883
	},
	{
		code: '16.12.05.2006',
		slug: 'curup',
		name: 'Curup',
		type: 'desa',
		districtCode: '16.12.05',
		lat: -3.317412,
		lng: 104.138448
	},
	{
		code: '16.12.05.2007',
		slug: 'raja',
		name: 'Raja',
		type: 'desa',
		districtCode: '16.12.05',
		lat: -3.301745,
		lng: 104.121186
	},
	{
		code: '16.12.05.2008',
		slug: 'pandan',
		name: 'Pandan',
		type: 'desa',
		districtCode: '16.12.05',
		lat: -3.29512,
		lng: 104.204438
	},
	{
		code: '16.12.05.2009',
		slug: 'modong',
		name: 'Modong',
		type: 'desa',
		districtCode: '16.12.05',
		lat: -3.273616,
		lng: 104.213848
	},
	{
		code: '16.12.05.2010',
		slug: 'tanah-abang-selatan',
		name: 'Tanah Abang Selatan',
		type: 'desa',
		districtCode: '16.12.05',
		lat: -3.32273,
		lng: 104.071358
	},
	{
		code: '16.12.05.2011',
		slug: 'harapan-jaya',
		name: 'Harapan Jaya',
		type: 'desa',
		districtCode: '16.12.05',
		lat: -3.283194,
		lng: 104.149087
	},
	{
		code: '16.12.05.2012',
		slug: 'tanjung-dalam',
		name: 'Tanjung Dalam',
		type: 'desa',
		districtCode: '16.12.05',
		lat: -3.325061,
		lng: 104.186157
	},
	{
		code: '16.12.05.2013',
		slug: 'lunas-jaya',
		name: 'Lunas Jaya',
		type: 'desa',
		districtCode: '16.12.05',
		lat: -3.298695,
		lng: 104.144933
	},
	{
		code: '16.12.05.2014',
		slug: 'raja-barat',
		name: 'Raja Barat',
		type: 'desa',
		districtCode: '16.12.05',
		lat: -3.293976,
		lng: 104.107644
	},
	{
		code: '16.12.05.2015',
		slug: 'tanah-abang-jaya',
		name: 'Tanah Abang Jaya',
		type: 'desa',
		districtCode: '16.12.05',
		lat: -3.313477,
		lng: 104.085916
	},
	{
		code: '16.12.05.2016',
		slug: 'muara-dua',
		name: 'Muara Dua',
		type: 'desa',
		districtCode: '16.12.05',
		lat: -3.290701,
		lng: 104.083372
	},
	{
		code: '16.12.05.2017',
		slug: 'sukamanis',
		name: 'Sukamanis',
		type: 'desa',
		districtCode: '16.12.05',
		lat: -3.331782,
		lng: 104.039399
	}
];
